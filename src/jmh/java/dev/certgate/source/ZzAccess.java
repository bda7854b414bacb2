package dev.certgate.source;
public final class ZzAccess {
    public static Object pem(String s) throws Exception { return Certificates.fromPem(s); }
    public static Object decode(String s) throws Exception { return PercentDecoding.decode(s); }
}
