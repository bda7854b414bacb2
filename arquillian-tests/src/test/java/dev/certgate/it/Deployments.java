package dev.certgate.it;

import dev.certgate.it.app.Caller;
import dev.certgate.it.app.CallerResource;
import dev.certgate.it.app.Decisions;
import dev.certgate.it.app.ItApplication;
import dev.certgate.it.app.ProtectedServlet;
import jakarta.ws.rs.core.Application;
import java.io.File;
import java.net.URL;
import java.time.Duration;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.UrlAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The test application as a user would ship it: the certgate jar in WEB-INF/lib, the demo's own
 * {@code microprofile-config.properties} (payments policy, admin role) in a jar beside it, and the
 * application's configuration on top.
 */
final class Deployments {

    /** The demo's names and roles, so the same certificate means the same caller here and in the demo. */
    static final String SVC_A = "spiffe://acme/svc-a";
    static final String SVC_B = "spiffe://acme/svc-b";

    /**
     * The container's caller when nobody logged in, as JSON: {@code null} (Jakarta Security 3.0
     * SecurityContext#getCallerPrincipal), except on WildFly, where Elytron reports its
     * {@code anonymous} identity.
     */
    static final String NOBODY = "wildfly".equals(System.getProperty("itest.server")) ? "\"anonymous\"" : "null";

    /** How long {@link #https} waits for a fresh deployment to be reached. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private Deployments() {
    }

    /** {@code name}.war of {@link ItApplication}, configured by {@code apps/<config>.properties}. */
    static WebArchive app(String name, String config) {
        return app(name, ItApplication.class, new UrlAsset(resource("apps/" + config + ".properties")));
    }

    /** {@code name}.war of the resources under {@code application}, configured by {@code config}. */
    static WebArchive app(String name, Class<? extends Application> application, Asset config) {
        JavaArchive demoConfig = ShrinkWrap.create(JavaArchive.class, "demo-config.jar")
                .addAsManifestResource(new File(System.getProperty("itest.demo-config")),
                        "microprofile-config.properties");
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(application, Caller.class, CallerResource.class, Decisions.class, ProtectedServlet.class)
                .addAsLibrary(new File(System.getProperty("itest.certgate-jar")))
                .addAsLibrary(demoConfig)
                .addAsResource(config, "META-INF/microprofile-config.properties")
                .addAsWebInfResource(resource("apps/web.xml"), "web.xml")
                .addAsWebInfResource(resource("apps/jboss-web.xml"), "jboss-web.xml")
                .addAsWebInfResource(resource("apps/beans.xml"), "beans.xml");
    }

    private static URL resource(String name) {
        URL url = Deployments.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return url;
    }

    /** The context path of a deployment, whatever host the adapter reports (Payara may name a non-loopback one). */
    static String contextPath(URL base) {
        return base.getPath();
    }

    /**
     * A client of the deployment at {@code base} over HTTPS, once the server routes its context
     * there: Payara Micro has been seen, right after reporting the application deployed, to answer
     * requests on its HTTPS listener with its own 404 page, no application code run (once, in one
     * clean-clone CI run of many). Every test application has {@code /api/whoami}, so anything but
     * a 404 from it means the application is reached.
     */
    static Https https(URL base) throws Exception {
        Https https = new Https(contextPath(base));
        long start = System.nanoTime();
        Https.Response last = https.get("/api/whoami", null);
        int notFound = 0;
        while (last.status() == 404 && System.nanoTime() - start < READY_TIMEOUT.toNanos()) {
            notFound++;
            Thread.sleep(200);
            last = https.get("/api/whoami", null);
        }
        if (last.status() == 404) {
            throw new IllegalStateException("the server still answers 404 for " + contextPath(base)
                    + "api/whoami over HTTPS " + READY_TIMEOUT.toSeconds() + " s after deploying it: " + last);
        }
        if (notFound > 0) {
            // worth knowing how often and how long: the wait exists for a server's race, not ours
            System.out.printf("certgate it: %s answered 404 %d times over %d ms before it was reached%n",
                    contextPath(base), notFound, (System.nanoTime() - start) / 1_000_000);
        }
        return https;
    }
}
