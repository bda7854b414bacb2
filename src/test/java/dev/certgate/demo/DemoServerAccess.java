package dev.certgate.demo;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** Lets tests in other packages use the demo's package-private PEM helpers. */
public final class DemoServerAccess {

    private DemoServerAccess() {
    }

    public static List<X509Certificate> readCertificates(Path pem) throws Exception {
        return DemoPki.readCertificates(pem);
    }

    public static PrivateKey readKey(Path pem) throws Exception {
        return TlsMaterial.privateKey(pem);
    }

}
