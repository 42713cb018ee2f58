package org.hubguard.web.git;

import org.eclipse.jgit.transport.AdvertiseRefsHook;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.ServiceMayNotContinueException;
import org.eclipse.jgit.transport.UploadPack;

/** Answers the push's ref advertisement with an error that git prints as "remote error: <reason>". */
class RefusePush implements AdvertiseRefsHook {

    private final String reason;

    RefusePush(String reason) {
        this.reason = reason;
    }

    @Override
    public void advertiseRefs(ReceivePack receivePack) throws ServiceMayNotContinueException {
        throw new ServiceMayNotContinueException(reason);
    }

    @Override
    public void advertiseRefs(UploadPack uploadPack) throws ServiceMayNotContinueException {
        throw new ServiceMayNotContinueException(reason);
    }
}
