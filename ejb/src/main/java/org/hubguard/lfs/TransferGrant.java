package org.hubguard.lfs;

import java.time.Instant;

/**
 * Permission to move one LFS object into or out of one repository, given by the batch API after the policy
 * allowed it, and carried in the transfer URL (clients send no credentials with the transfer itself).
 */
public record TransferGrant(Operation operation, long repositoryId, String oid, long size, String username, Instant expires) {

    public enum Operation {
        UPLOAD, DOWNLOAD, VERIFY
    }
}
