package org.hubguard.config;

/** A setting has a value hubguard cannot use; the message names the variable and what it should be. */
public class ConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String key, String value, String expected) {
        super(Settings.environmentName(key) + " (or -D" + key + ") must be " + expected + "; it is '" + value + "'.");
    }
}
