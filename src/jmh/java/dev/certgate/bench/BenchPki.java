package dev.certgate.bench;

import dev.certgate.demo.Pki;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Many distinct client certificates, so benchmarks measure parsing, not the JDK's parse cache. */
final class BenchPki {

    static final Pki.Issued CA = Pki.root("CN=bench-ca,O=Acme").build();

    private BenchPki() {
    }

    /** {@code count} distinct leaves, each with a SPIFFE ID and a DNS name, as TLS hands them over. */
    static List<X509Certificate[]> clients(int count) {
        List<X509Certificate[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Pki.Issued leaf = CA.issue("CN=svc-" + i + ",OU=bench,O=Acme").uri("spiffe://acme/svc-" + i)
                    .dns("svc-" + i + ".acme.internal").build();
            out.add(new X509Certificate[] {leaf.certificate()});
        }
        return out;
    }
}
