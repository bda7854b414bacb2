package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.MissingReason;
import dev.certgate.RefusalReason;
import dev.certgate.testing.ClientCertificates;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.TestPki;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateResolverTest {

    private final List<String> asked = new ArrayList<>();

    /** A reader that always answers {@code resolution} and records that it was asked. */
    private CertificateReader reader(CertificateSource source, Resolution resolution) {
        return new CertificateReader() {
            @Override
            public CertificateSource source() {
                return source;
            }

            @Override
            public Resolution read(CertificateRequest request) {
                asked.add(source.configName());
                return resolution;
            }
        };
    }

    private static Resolution.Found found(CertificateSource source) {
        return new Resolution.Found(ClientCertificates.builder().source(source).build());
    }

    @Test
    void resolveWhenFirstSourceFindsThenLaterSourcesNotAsked() {
        CertificateResolver resolver = new CertificateResolver(List.of(
                reader(CertificateSource.XFCC, found(CertificateSource.XFCC)),
                reader(CertificateSource.NATIVE, found(CertificateSource.NATIVE))));

        Resolution r = resolver.resolve(FakeRequest.empty());

        assertThat(r).isInstanceOfSatisfying(Resolution.Found.class,
                f -> assertThat(f.certificate().source()).isEqualTo(CertificateSource.XFCC));
        assertThat(asked).containsExactly("xfcc");
    }

    @Test
    void resolveWhenEarlierSourcesAbsentThenFirstFoundWins() {
        CertificateResolver resolver = new CertificateResolver(List.of(
                reader(CertificateSource.XFCC, Resolution.Absent.NONE),
                reader(CertificateSource.CLIENT_CERT, found(CertificateSource.CLIENT_CERT)),
                reader(CertificateSource.NATIVE, found(CertificateSource.NATIVE))));

        Resolution r = resolver.resolve(FakeRequest.empty());

        assertThat(((Resolution.Found) r).certificate().source()).isEqualTo(CertificateSource.CLIENT_CERT);
        assertThat(asked).containsExactly("xfcc", "client-cert");
    }

    @Test
    void resolveWhenMalformedThenStopsAndNeverFallsThroughToAWeakerSource() {
        Resolution.Malformed malformed = new Resolution.Malformed(MissingReason.MALFORMED, "at 3");
        CertificateResolver resolver = new CertificateResolver(List.of(
                reader(CertificateSource.XFCC, malformed),
                reader(CertificateSource.NATIVE, found(CertificateSource.NATIVE))));

        assertThat(resolver.resolve(FakeRequest.empty())).isSameAs(malformed);
        assertThat(asked).containsExactly("xfcc");
    }

    @Test
    void resolveWhenRefusedThenStops() {
        Resolution.Refused refused = new Resolution.Refused(RefusalReason.DUPLICATE_HEADER, "sent twice");
        CertificateResolver resolver = new CertificateResolver(List.of(
                reader(CertificateSource.HEADERS, refused),
                reader(CertificateSource.NATIVE, found(CertificateSource.NATIVE))));

        assertThat(resolver.resolve(FakeRequest.empty())).isSameAs(refused);
        assertThat(asked).containsExactly("headers");
    }

    @Test
    void resolveWhenNothingFoundAndAHeaderWasIgnoredThenUntrustedPeerKept() {
        CertificateResolver resolver = new CertificateResolver(List.of(
                reader(CertificateSource.XFCC, Resolution.Absent.UNTRUSTED),
                reader(CertificateSource.NATIVE, Resolution.Absent.NONE)));

        assertThat(resolver.resolve(FakeRequest.empty())).isEqualTo(Resolution.Absent.UNTRUSTED);
        assertThat(asked).containsExactly("xfcc", "native");
    }

    @Test
    void resolveWhenUntrustedHeaderButNativeCertificateThenFound() {
        CertificateResolver resolver = new CertificateResolver(List.of(
                reader(CertificateSource.XFCC, Resolution.Absent.UNTRUSTED),
                reader(CertificateSource.NATIVE, found(CertificateSource.NATIVE))));

        assertThat(resolver.resolve(FakeRequest.empty())).isInstanceOf(Resolution.Found.class);
    }

    @Test
    void resolveWhenNothingAnywhereThenNoCertificate() {
        CertificateResolver resolver = new CertificateResolver(List.of(
                reader(CertificateSource.NATIVE, Resolution.Absent.NONE),
                reader(CertificateSource.XFCC, Resolution.Absent.NONE)));

        assertThat(resolver.resolve(FakeRequest.empty())).isEqualTo(Resolution.Absent.NONE);
    }

    @Test
    void constructorWhenNoReadersThenIllegalArgumentException() {
        assertThatThrownBy(() -> new CertificateResolver(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nativeReaderWhenChainPresentThenFoundVerifiedNativeWithChain() {
        FakeRequest request = FakeRequest.withNativeChain(TestPki.SVC_A.chain());

        Resolution r = new NativeReader().read(request);

        ClientCertificate c = ((Resolution.Found) r).certificate();
        assertThat(c.source()).isEqualTo(CertificateSource.NATIVE);
        assertThat(c.verified()).isTrue();
        assertThat(c.subjectCN()).isEqualTo("svc-a");
        assertThat(c.chain()).containsExactly(TestPki.SVC_A.certificate(), TestPki.INTERMEDIATE.certificate());
        assertThat(new NativeReader().source()).isEqualTo(CertificateSource.NATIVE);
    }

    @Test
    void nativeReaderWhenNoChainThenAbsentNoCertificate() {
        assertThat(new NativeReader().read(FakeRequest.empty())).isEqualTo(Resolution.Absent.NONE);
        assertThat(new NativeReader().read(FakeRequest.withNativeChain(null))).isEqualTo(Resolution.Absent.NONE);
        assertThat(new NativeReader().read(FakeRequest.withNativeChain(Arrays.asList((X509Certificate) null))))
                .isEqualTo(Resolution.Absent.NONE);
    }

    @Test
    void nativeReaderWhenChainHasHolesThenLeafStillFoundAndNothingThrown() {
        List<X509Certificate> holes = Arrays.asList(TestPki.SVC_A.certificate(), null, TestPki.INTERMEDIATE.certificate());

        Resolution r = new NativeReader().read(FakeRequest.withNativeChain(holes));

        assertThat(((Resolution.Found) r).certificate().chain())
                .containsExactly(TestPki.SVC_A.certificate(), TestPki.INTERMEDIATE.certificate());
    }

    @Test
    void resolveWhenHeaderSourceFirstAndFoundThenNativeChainNeverRead() {
        FakeRequest request = FakeRequest.withNativeChain(TestPki.SVC_B.chain());
        CertificateResolver resolver = new CertificateResolver(List.of(
                reader(CertificateSource.XFCC, found(CertificateSource.XFCC)), new NativeReader()));

        resolver.resolve(request);

        assertThat(request.nativeReads()).isZero();
    }

    @Test
    void resolveWhenAskedTwiceForOneRequestThenSourcesReadOnceAndSameAnswer() {
        FakeRequest request = FakeRequest.withNativeChain(TestPki.SVC_A.chain()).remembering();
        CertificateResolver resolver = new CertificateResolver(List.of(
                reader(CertificateSource.XFCC, Resolution.Absent.NONE), new NativeReader()));

        Resolution first = resolver.resolve(request);
        Resolution second = resolver.resolve(request);

        assertThat(second).isSameAs(first);
        assertThat(asked).containsExactly("xfcc");
        assertThat(request.nativeReads()).isOne();
    }

    @Test
    void resolveWhenEarlierAnswerWasNoCertificateThenThatStandsToo() {
        FakeRequest request = FakeRequest.empty().remembering();
        CertificateResolver resolver = new CertificateResolver(List.of(reader(CertificateSource.XFCC, Resolution.Absent.NONE)));

        resolver.resolve(request);

        assertThat(resolver.resolve(request)).isEqualTo(Resolution.Absent.NONE);
        assertThat(asked).containsExactly("xfcc");
    }

    @Test
    void resolveWhenAnotherResolverAnsweredThisRequestThenReadsItsOwnSources() {
        FakeRequest request = FakeRequest.withNativeChain(TestPki.SVC_A.chain()).remembering();
        CertificateResolver other = new CertificateResolver(List.of(reader(CertificateSource.XFCC, found(CertificateSource.XFCC))));
        CertificateResolver mine = new CertificateResolver(List.of(new NativeReader()));

        other.resolve(request);
        Resolution r = mine.resolve(request);

        assertThat(((Resolution.Found) r).certificate().source()).isEqualTo(CertificateSource.NATIVE);
        assertThat(request.nativeReads()).isOne();
    }

    @Test
    void resolveWhenRequestValueWasPlantedByOtherCodeThenIgnoredAndSourcesRead() {
        FakeRequest request = FakeRequest.withNativeChain(TestPki.SVC_B.chain()).remembering();
        request.remember(CertificateResolver.RESOLUTION, found(CertificateSource.XFCC));
        CertificateResolver resolver = new CertificateResolver(List.of(new NativeReader()));

        Resolution r = resolver.resolve(request);

        assertThat(((Resolution.Found) r).certificate().subjectCN()).isEqualTo("svc-b");
        assertThat(request.nativeReads()).isOne();
    }

    @Test
    void resolveWhenNotKeptThenALaterQuestionReadsTheSourcesAgain() {
        FakeRequest request = FakeRequest.withNativeChain(TestPki.SVC_A.chain()).remembering();
        CertificateResolver resolver = new CertificateResolver(List.of(new NativeReader()));

        Resolution first = resolver.resolve(request, CertificateResolver.Keep.NOT_KEPT);

        assertThat(request.recall(CertificateResolver.RESOLUTION)).isNull();
        assertThat(resolver.resolve(request)).isEqualTo(first);
        assertThat(request.nativeReads()).isEqualTo(2);
    }

    @Test
    void resolveWhenNotKeptAfterAnEarlierKeptAnswerThenThatAnswerIsUsed() {
        FakeRequest request = FakeRequest.withNativeChain(TestPki.SVC_A.chain()).remembering();
        CertificateResolver resolver = new CertificateResolver(List.of(new NativeReader()));

        Resolution first = resolver.resolve(request);
        Resolution last = resolver.resolve(request, CertificateResolver.Keep.NOT_KEPT);

        assertThat(last).isSameAs(first);
        assertThat(request.nativeReads()).isOne();
    }

    @Test
    void resolveWhenRequestRemembersNothingThenEachQuestionReadsAgain() {
        FakeRequest request = FakeRequest.withNativeChain(TestPki.SVC_A.chain());
        CertificateResolver resolver = new CertificateResolver(List.of(new NativeReader()));

        resolver.resolve(request);
        resolver.resolve(request);

        assertThat(request.nativeReads()).isEqualTo(2);
    }

    @Test
    void resolveWhenThisResolverNeverKeptAnAnswerThenNoRequestIsAskedForOne() {
        FakeRequest request = FakeRequest.withNativeChain(TestPki.SVC_A.chain()).remembering();
        CertificateResolver resolver = new CertificateResolver(List.of(new NativeReader()));

        Resolution r = resolver.resolve(request, CertificateResolver.Keep.NOT_KEPT);

        assertThat(((Resolution.Found) r).certificate().subjectCN()).isEqualTo("svc-a");
        assertThat(request.recalls()).isZero();
    }

    @Test
    void resolveWhenAnotherResolverKeptAnswersThenThisOneStillAsksNoRequest() {
        FakeRequest request = FakeRequest.withNativeChain(TestPki.SVC_A.chain()).remembering();
        new CertificateResolver(List.of(new NativeReader())).resolve(request);
        CertificateResolver mine = new CertificateResolver(List.of(new NativeReader()));
        int before = request.recalls();

        mine.resolve(request, CertificateResolver.Keep.NOT_KEPT);

        assertThat(request.recalls()).isEqualTo(before);
        assertThat(request.nativeReads()).isEqualTo(2);
    }

    @Test
    void resolveWhenThisResolverKeptAnAnswerForAnotherRequestThenEachRequestIsAskedAgain() {
        CertificateResolver resolver = new CertificateResolver(List.of(new NativeReader()));
        FakeRequest earlier = FakeRequest.withNativeChain(TestPki.SVC_B.chain()).remembering();
        resolver.resolve(earlier);
        FakeRequest request = FakeRequest.withNativeChain(TestPki.SVC_A.chain()).remembering();

        Resolution r = resolver.resolve(request, CertificateResolver.Keep.NOT_KEPT);

        assertThat(request.recalls()).isOne();
        assertThat(((Resolution.Found) r).certificate().subjectCN()).isEqualTo("svc-a");
    }

    @Test
    void resolveWhenKeptOnOneThreadThenAnotherThreadHandedTheRequestUsesThatAnswer() throws Exception {
        FakeRequest request = FakeRequest.withNativeChain(TestPki.SVC_A.chain()).remembering();
        CertificateResolver resolver = new CertificateResolver(List.of(new NativeReader()));
        Resolution[] first = new Resolution[1];
        Thread mechanism = new Thread(() -> first[0] = resolver.resolve(request));
        mechanism.start();
        mechanism.join(); // the container's hand-over of the request to the thread that runs the guard

        Resolution last = resolver.resolve(request, CertificateResolver.Keep.NOT_KEPT);

        assertThat(last).isSameAs(first[0]);
        assertThat(request.nativeReads()).isOne();
    }
}
