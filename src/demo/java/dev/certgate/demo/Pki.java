package dev.certgate.demo;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.RFC4519Style;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Mints certificates with BouncyCastle for the demo and the tests: a CA, intermediates, server and
 * client leaves with any subject, SANs, validity and CA flag. Keys are EC P-256 (fast to make).
 * Not part of the library jar.
 */
public final class Pki {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Pki() {
    }

    /** A certificate with its private key and the chain above it (leaf first, root excluded). */
    public record Issued(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {
        public Issued {
            chain = List.copyOf(chain);
        }

        /** The leaf followed by its intermediates, as a TLS client sends it. */
        public X509Certificate[] chainArray() {
            return chain.toArray(X509Certificate[]::new);
        }

        /** Starts a certificate signed by this one. */
        public Builder issue(String subject) {
            return new Builder(subject, this);
        }
    }

    /** Starts a self-signed root CA. */
    public static Builder root(String subject) {
        return new Builder(subject, null).ca(true);
    }

    /** Describes one certificate; {@link #build()} mints it. */
    public static final class Builder {
        private final String subject;
        private X500Name subjectName;
        private final Issued issuer;
        private final List<GeneralName> sans = new ArrayList<>();
        private boolean ca;
        private boolean serverAuth;
        private boolean clientAuth = true;
        private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
        private BigInteger serial = new BigInteger(64, RANDOM).add(BigInteger.ONE);
        private String ocspUrl;

        private Builder(String subject, Issued issuer) {
            this.subject = subject;
            this.issuer = issuer;
        }

        /** The subject as exactly this Name, string types and all, in place of the text the builder started with. */
        public Builder subject(X500Name name) {
            this.subjectName = name;
            return this;
        }

        public Builder ca(boolean ca) {
            this.ca = ca;
            return this;
        }

        public Builder serverAuth() {
            this.serverAuth = true;
            return this;
        }

        /** Extended key usage serverAuth only: a certificate no TLS client may authenticate with. */
        public Builder serverOnly() {
            this.serverAuth = true;
            this.clientAuth = false;
            return this;
        }

        public Builder validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        /** Whether a leaf's extended key usage allows TLS client authentication (default true). */
        public Builder clientAuth(boolean clientAuth) {
            this.clientAuth = clientAuth;
            return this;
        }

        /** An Authority Information Access extension naming this OCSP responder. */
        public Builder ocsp(String url) {
            this.ocspUrl = url;
            return this;
        }

        public Builder serial(BigInteger serial) {
            this.serial = serial;
            return this;
        }

        public Builder dns(String name) {
            sans.add(new GeneralName(GeneralName.dNSName, name));
            return this;
        }

        public Builder uri(String uri) {
            sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
            return this;
        }

        public Builder email(String email) {
            sans.add(new GeneralName(GeneralName.rfc822Name, email));
            return this;
        }

        public Builder ip(String address) {
            sans.add(new GeneralName(GeneralName.iPAddress, address));
            return this;
        }

        public Builder dirName(String dn) {
            sans.add(new GeneralName(GeneralName.directoryName, new X500Name(dn)));
            return this;
        }

        /** A directoryName SAN of exactly this Name, string types and all. */
        public Builder dirName(X500Name name) {
            sans.add(new GeneralName(GeneralName.directoryName, name));
            return this;
        }

        public Builder registeredId(String oid) {
            sans.add(new GeneralName(GeneralName.registeredID, oid));
            return this;
        }

        /** An otherName SAN with a UTF8String value (a Microsoft UPN has OID 1.3.6.1.4.1.311.20.2.3). */
        public Builder otherName(String oid, String value) {
            ASN1Encodable[] parts = {new ASN1ObjectIdentifier(oid), new DERTaggedObject(true, 0, new DERUTF8String(value))};
            sans.add(new GeneralName(GeneralName.otherName, new DERSequence(parts)));
            return this;
        }

        public Issued build() {
            try {
                KeyPair keys = newKeyPair();
                X500Name subjectName = this.subjectName != null ? this.subjectName : new X500Name(RFC4519Style.INSTANCE, subject);
                X500Name issuerName = issuer == null ? subjectName
                        : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
                PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuer.key();
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, serial,
                        Date.from(notBefore), Date.from(notAfter), subjectName, keys.getPublic());
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
                if (issuer != null) {
                    b.addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(issuer.certificate()));
                }
                if (ca) {
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                } else {
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
                    List<KeyPurposeId> purposes = new ArrayList<>();
                    if (clientAuth) {
                        purposes.add(KeyPurposeId.id_kp_clientAuth);
                    }
                    if (serverAuth) {
                        purposes.add(KeyPurposeId.id_kp_serverAuth);
                    }
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
                }
                if (ocspUrl != null) {
                    b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                            AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl)));
                }
                if (!sans.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
                }
                ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey);
                X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
                List<X509Certificate> chain = new ArrayList<>();
                chain.add(cert);
                if (issuer != null && issuer.chain().size() > 0 && !isSelfSigned(issuer.certificate())) {
                    chain.addAll(issuer.chain());
                }
                return new Issued(cert, keys.getPrivate(), chain);
            } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
                throw new IllegalStateException("could not mint " + subject, e);
            }
        }
    }

    static boolean isSelfSigned(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    /** PEM text of certificates and keys (keys as PKCS#8 "PRIVATE KEY"). */
    public static String pem(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                if (o instanceof PrivateKey key) {
                    writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
                } else if (o instanceof List<?> list) {
                    for (Object item : list) {
                        writer.writeObject(item);
                    }
                } else {
                    writer.writeObject(o);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** Writes PEM text to {@code file}, creating parent folders. */
    public static Path writePem(Path file, Object... objects) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, pem(objects), StandardCharsets.US_ASCII);
        return file;
    }
}
