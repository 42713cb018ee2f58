package org.hubguard.signing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One counter: bumped whenever a key or a verified email changes, so cached verdicts are redone. */
@Entity
@Table(name = "signature_generation")
public class SignatureGeneration {

    @Id
    private Integer id;

    @Column(nullable = false)
    private long generation;

    protected SignatureGeneration() {
    }

    long getGeneration() {
        return generation;
    }
}
