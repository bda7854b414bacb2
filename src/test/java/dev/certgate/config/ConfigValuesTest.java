package dev.certgate.config;

import static dev.certgate.config.TestConfigs.config;
import static dev.certgate.config.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strict single-key reads, and the SmallRye behaviour they rely on. */
class ConfigValuesTest {

    /** SmallRye as an application server may configure it: an interceptor that reports empty values as missing. */
    private static SmallRyeConfig hidingEmptyValues(Map<String, String> properties, Map<String, String> environment) {
        ConfigSourceInterceptor hideEmpty = (context, name) -> {
            io.smallrye.config.ConfigValue value = context.proceed(name);
            return value == null || value.getValue() == null || !value.getValue().isBlank() ? value : null;
        };
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, TestConfigs.PROPERTIES, 100), new EnvConfigSource(environment, 300))
                .withInterceptors(hideEmpty)
                .build();
    }

    @Test
    void smallRyeWhenValueEmptyThenGetConfigValueKeepsEmptyRawValue() {
        Config config = config(map("certgate.allow.sans", ""), map("CERTGATE_ALLOW_ISSUER_CNS", ""));

        assertThat(config.getConfigValue("certgate.allow.sans").getRawValue()).isEmpty();
        assertThat(config.getConfigValue("certgate.allow.issuer-cns").getRawValue()).isEmpty();
        assertThat(config.getConfigValue("certgate.allow.subject-cns").getRawValue()).isNull();
        assertThat(config.getOptionalValue("certgate.allow.sans", String.class)).isEmpty(); // why getConfigValue is used
    }

    @Test
    void isSetWhenConfigHidesEmptyValueThenStillSet() {
        SmallRyeConfig config = hidingEmptyValues(map("certgate.allow.sans", ""), map("CERTGATE_ALLOW_ISSUER_CNS", " "));
        assertThat(config.getConfigValue("certgate.allow.sans").getValue()).isNull();

        ConfigValues values = new ConfigValues(config);

        assertThat(values.isSet("certgate.allow.sans")).isTrue();
        assertThat(values.isSet("certgate.allow.issuer-cns")).isTrue();
        assertThat(values.isSet("certgate.allow.subject-cns")).isFalse();
    }

    @Test
    void loadWhenConfigHidesEmptyAllowListThenStillFailsNamingKeyAndSource() {
        SmallRyeConfig config = hidingEmptyValues(map("certgate.allow.sans", ""), Map.of());

        assertThatThrownBy(() -> CertgateConfigLoader.load(config))
                .isInstanceOfSatisfying(CertgateConfigException.class, e -> assertThat(e.key()).isEqualTo("certgate.allow.sans"))
                .hasMessageContaining("empty")
                .hasMessageContaining("PropertiesConfigSource[source=test]");
    }

    @Test
    void loadWhenConfigHidesEmptyEnvironmentVariableThenStillFailsNamingIt() {
        SmallRyeConfig config = hidingEmptyValues(Map.of(), map("CERTGATE_POLICY_PAYMENTS_ALLOW_SANS", ""));

        assertThatThrownBy(() -> CertgateConfigLoader.load(config))
                .isInstanceOfSatisfying(CertgateConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("certgate.policy.payments.allow.sans"))
                .hasMessageContaining("EnvConfigSource as CERTGATE_POLICY_PAYMENTS_ALLOW_SANS");
    }

    @Test
    void loadWhenExpressionCannotBeExpandedThenFailsQuotingItNotCallingItEmpty() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(map("certgate.allow.sans", "URI:${missing.value}"),
                        TestConfigs.PROPERTIES, 100))
                .build();

        assertThatThrownBy(() -> CertgateConfigLoader.load(config))
                .isInstanceOfSatisfying(CertgateConfigException.class, e -> assertThat(e.key()).isEqualTo("certgate.allow.sans"))
                .hasMessageContaining("'URI:${missing.value}' cannot be resolved")
                .hasMessageContaining("PropertiesConfigSource[source=test]")
                .hasMessageNotContaining("empty");
    }

    /**
     * SmallRye throws, rather than reporting "no value", while expanding an expression that refers to
     * itself or names an empty key ({@code System.getProperty("")} throws): still an error naming the key.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            certgate.allow.sans         | URI:${certgate.allow.sans}
            certgate.allow.sans         | ${
            certgate.allow.sans         | URI:spiffe://acme/${}
            certgate.max-header-bytes   | ${certgate.max-header-bytes}
            certgate.policy.p.allow.sans | ${certgate.policy.p.allow.sans}
            certgate.roles.admin.sans   | ${a}
            """)
    void loadWhenExpansionThrowsThenFailsNamingTheKeyAndQuotingTheValue(String key, String value) {
        Map<String, String> properties = map(key, value, "a", "${b}", "b", "${a}");
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, TestConfigs.PROPERTIES, 100), new SysPropConfigSource())
                .build();

        assertThatThrownBy(() -> CertgateConfigLoader.load(config))
                .isInstanceOfSatisfying(CertgateConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(key + ": '" + value + "' cannot be expanded")
                .hasMessageContaining("(set in PropertiesConfigSource[source=test])");
    }

    @Test
    void loadWhenEnvironmentVariableRefersToItselfThenFailsNamingTheVariable() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new EnvConfigSource(map("CERTGATE_ALLOW_SANS", "URI:${certgate.allow.sans}"), 300))
                .build();

        assertThatThrownBy(() -> CertgateConfigLoader.load(config))
                .isInstanceOfSatisfying(CertgateConfigException.class, e -> assertThat(e.key()).isEqualTo("certgate.allow.sans"))
                .hasMessageContaining("'URI:${certgate.allow.sans}' cannot be expanded")
                .hasMessageContaining("EnvConfigSource as CERTGATE_ALLOW_SANS");
    }

    @Test
    void stringWhenUnsetThenEmptyAndWhenSetThenTrimmed() {
        ConfigValues values = new ConfigValues(config(map("certgate.xfcc.element", "  last ")));

        assertThat(values.string("certgate.xfcc.element")).contains("last");
        assertThat(values.string("certgate.xfcc.header")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a,b,c           | a;b;c
            ' a , b '       | a;b
            a\\,b,c         | a,b;c
            'a\\, b , c '   | a, b;c
            a,,b            | a;b
            ,a,             | a
            a\\b            | a\\b
            a\\             | a\\
            """)
    void splitWhenCommasEscapesAndSpacesThenEntries(String text, String expected) {
        assertThat(ConfigValues.split(text)).containsExactly(expected.split(";"));
    }

    @Test
    void listWhenOnlySeparatorsThenFailsNamingKey() {
        ConfigValues values = new ConfigValues(config(map("certgate.allow.sans", " , ")));

        assertThatThrownBy(() -> values.list("certgate.allow.sans"))
                .isInstanceOfSatisfying(CertgateConfigException.class, e -> assertThat(e.key()).isEqualTo("certgate.allow.sans"))
                .hasMessageContaining("lists nothing");
    }

    @Test
    void choiceWhenUnknownThenMessageListsAllowedValues() {
        ConfigValues values = new ConfigValues(config(map("certgate.token-binding", "sometimes")));

        assertThatThrownBy(() -> values.choice("certgate.token-binding", t -> Optional.<String>empty(), List.of("off", "on")))
                .hasMessageContaining("'sometimes' is not one of off, on");
    }
}
