package org.hubguard.scanning.engine;

/**
 * One import a pickle makes (GLOBAL, INST or STACK_GLOBAL): as written, and as {@code Unpickler.find_class}
 * resolves it under the pickle's protocol at that point (Python 2 names mapped for protocols 0-2; a dotted name
 * walked attribute by attribute from protocol 4 on).
 */
record PickleGlobal(String module, String name, String writtenModule, String writtenName, int protocol) {

    boolean renamed() {
        return !module.equals(writtenModule) || !name.equals(writtenName);
    }

    /** Whether Python walks {@code name} as an attribute path (protocol 4+); judged as such at any protocol. */
    boolean dotted() {
        return name.indexOf('.') >= 0;
    }
}
