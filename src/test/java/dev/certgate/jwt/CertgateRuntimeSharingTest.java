package dev.certgate.jwt;

import static dev.certgate.jwt.TokenBindingFeatureTest.assertInvalidToken;
import static dev.certgate.jwt.TokenBindingFeatureTest.boundTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.TokenBinding;
import dev.certgate.config.CertgateConfigLoader;
import dev.certgate.jaxrs.CertgateFeature;
import dev.certgate.jaxrs.CertgateRuntime;
import dev.certgate.jaxrs.InMemoryApp;
import dev.certgate.jwt.TokenBindingFeatureTest.Endpoints;
import dev.certgate.jwt.TokenBindingFeatureTest.TokenContext;
import dev.certgate.testing.TestPki;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * One application, one {@link CertgateRuntime}: with their no-argument constructors (as scanning
 * builds them) {@code TokenBindingFeature} and {@code CertgateFeature} read MicroProfile Config
 * once and share the runtime, published in the application's own configuration, so two
 * applications in one JVM never see each other's.
 */
class CertgateRuntimeSharingTest {

    /** A configuration source that counts how often each key is read. */
    static final class CountingSource implements ConfigSource {
        private final Map<String, String> values;
        private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

        CountingSource(Map<String, String> values) {
            this.values = values;
        }

        int reads(String key) {
            return reads.getOrDefault(key, new AtomicInteger()).get();
        }

        @Override
        public Set<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public String getValue(String name) {
            reads.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            return values.get(name);
        }

        @Override
        public String getName() {
            return "counting";
        }

        @Override
        public int getOrdinal() {
            return 200;
        }
    }

    private static SmallRyeConfig config(CountingSource source) {
        return new SmallRyeConfigBuilder().withSources(source).build();
    }

    /** Builds the application (both features deploy) while {@code config} is the one MicroProfile Config answers. */
    private static InMemoryApp deployedWith(SmallRyeConfig config) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver.instance().registerConfig(config, loader);
        try {
            return new InMemoryApp(new ResourceConfig(Endpoints.class)
                    .register(CertgateFeature.class)
                    .register(TokenBindingFeature.class));
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    @ParameterizedTest
    @EnumSource(TokenBinding.class)
    void featuresWhenBuiltWithoutArgumentsThenConfigurationReadOnceForBoth(TokenBinding mode) throws Exception {
        Map<String, String> values = Map.of("certgate.token-binding", mode.configName(),
                "certgate.sources", "native");
        CountingSource once = new CountingSource(values);
        CertgateConfigLoader.load(config(once));
        CountingSource source = new CountingSource(values);

        InMemoryApp app = deployedWith(config(source));

        assertThat(app.get("/guarded").presenting(TestPki.SVC_A).send().getStatus()).isEqualTo(200);
        assertThat(source.reads("certgate.sources")).as("reads of certgate.sources").isEqualTo(once.reads("certgate.sources"))
                .isPositive();
        assertThat(source.reads("certgate.token-binding")).isEqualTo(once.reads("certgate.token-binding"));
        assertThat(CertgateRuntime.published(app.configuration())).hasValueSatisfying(
                runtime -> assertThat(runtime.settings().tokenBinding()).isEqualTo(mode));
    }

    @Test
    void featuresWhenTwoApplicationsInOneJvmThenEachKeepsItsOwnRuntime() throws Exception {
        InMemoryApp strict = deployedWith(config(new CountingSource(Map.of("certgate.token-binding", "required"))));
        InMemoryApp lenient = deployedWith(config(new CountingSource(Map.of("certgate.token-binding", "when-present"))));
        FakeToken unbound = FakeToken.unbound("svc-a");

        assertInvalidToken(strict.get("/open").securityContext(new TokenContext(unbound)).send());
        assertThat(lenient.get("/open").securityContext(new TokenContext(unbound)).send().getEntity()).isEqualTo("open svc-a");
        assertInvalidToken(strict.get("/open").securityContext(new TokenContext(unbound)).send());
        assertThat(CertgateRuntime.published(strict.configuration()).orElseThrow())
                .isNotSameAs(CertgateRuntime.published(lenient.configuration()).orElseThrow());
    }

    @Test
    void featuresWhenGivenOneRuntimeThenThatOneIsTheApplications() throws Exception {
        CertgateRuntime runtime = CertgateRuntime.of(TokenBindingFeatureTest.settings(TokenBinding.REQUIRED));

        InMemoryApp app = new InMemoryApp(new ResourceConfig(Endpoints.class)
                .register(new CertgateFeature(runtime)).register(new TokenBindingFeature(runtime)));

        assertThat(CertgateRuntime.published(app.configuration())).containsSame(runtime);
        assertThat(app.configuration().getInstances()).anyMatch(TokenBindingFilter.class::isInstance);
        assertInvalidToken(app.get("/guarded").securityContext(new TokenContext(boundTo(TestPki.SVC_A)))
                .presenting(TestPki.SVC_B).send());
    }

    @Test
    void certgateFeatureWhenNoTokenBindingFeatureThenReadsItsOwnAndPublishesNothing() throws Exception {
        CountingSource source = new CountingSource(Map.of("certgate.sources", "native"));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        SmallRyeConfig config = config(source);
        ConfigProviderResolver.instance().registerConfig(config, loader);
        InMemoryApp app;
        try {
            app = new InMemoryApp(new ResourceConfig(Endpoints.class).register(CertgateFeature.class));
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }

        assertThat(app.get("/guarded").presenting(TestPki.SVC_A).send().getStatus()).isEqualTo(200);
        assertThat(source.reads("certgate.sources")).isPositive();
        assertThat(CertgateRuntime.published(app.configuration())).isEmpty();
    }
}
