package org.giggityflix.peer.hash.jdk.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.giggityflix.peer.api.hash.HashDigest;
import org.giggityflix.peer.api.hash.HashProvider;

/**
 * {@code JdkHashProvider} is responsible for offering one JDK {@link MessageDigest} algorithm as a
 * {@link HashProvider}; each DS component of this bundle is a subclass naming its algorithm.
 */
abstract class JdkHashProvider implements HashProvider {

    private final String algorithm;
    private final String jdkName;

    JdkHashProvider(String algorithm, String jdkName) {
        this.algorithm = algorithm;
        this.jdkName = jdkName;
        // Fail at activation, not on the first file, should a stripped-down JRE lack the algorithm.
        newMessageDigest();
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public HashDigest newDigest() {
        return new MessageDigestHashDigest(newMessageDigest());
    }

    private MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JRE offers no " + jdkName, e);
        }
    }
}
