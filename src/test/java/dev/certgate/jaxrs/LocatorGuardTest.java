package dev.certgate.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which matched URI a locator's {@code @Path} template ends (JAX-RS 3.1 section 3.7.3). */
class LocatorGuardTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            guarded          | locators/guarded         | true
            /guarded/        | locators/guarded/        | true
            guarded          | locators/unguarded       | false
            guarded          | locators/guarded/more    | false
            {id}             | accounts/42              | true
            {id}             | ''                       | false
            '{id: \\d{2,3}}' | accounts/421             | true
            '{id: \\d{2,3}}' | accounts/4a              | false
            a/{b}/c          | x/a/any/c                | true
            a.b              | x/aXb                    | false
            guarded          | guarded                  | true
            """)
    void endWhenMatchedUriComparedThenOnlyAnUriEndingInTheTemplate(String template, String uri, boolean ends) {
        assertThat(LocatorGuard.end(template).matcher(uri).matches()).isEqualTo(ends);
    }
}
