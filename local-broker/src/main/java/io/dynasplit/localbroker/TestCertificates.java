package io.dynasplit.localbroker;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A throw-away certificate authority and a server certificate for {@code localhost} / {@code 127.0.0.1}, made in
 * memory at broker start (BouncyCastle, as Kafka's own TestSslUtils does), as PEM text: Kafka's clients and broker take
 * PEM directly (KIP-651), so no keystore file or password exists. The CA's key is dropped once the server certificate
 * is signed: nothing else can be issued under it.
 */
public record TestCertificates(String caCertificatePem, String serverCertificateChainPem, String serverPrivateKeyPem) {
    private static final String SIGNATURE = "SHA256withECDSA";

    public static TestCertificates generate(Duration validity) {
        try {
            SecureRandom random = new SecureRandom();
            Instant now = Instant.now();
            Date from = Date.from(now.minus(Duration.ofHours(1)));
            Date to = Date.from(now.plus(validity));
            KeyPair caKeys = ecKeyPair(random);
            X500Name caName = new X500Name("CN=DynaSplit local test CA");
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(random), from, to, caName,
                    caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCert = sign(ca, caKeys.getPrivate());

            KeyPair serverKeys = ecKeyPair(random);
            X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caName, serial(random), from, to,
                    new X500Name("CN=localhost"), serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    // clients verify the host name (ssl.endpoint.identification.algorithm=https by default)
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate serverCert = sign(server, caKeys.getPrivate());
            return new TestCertificates(pem(caCert), pem(serverCert) + pem(caCert), pkcs8Pem(serverKeys.getPrivate()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make the local broker's test certificates: " + e.getMessage(), e);
        }
    }

    private static KeyPair ecKeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(64, random).abs().add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKey)));
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), the form Kafka's PEM key store reads without a password. */
    private static String pkcs8Pem(PrivateKey key) throws IOException {
        return pem(new JcaPKCS8Generator(key, null).generate());
    }
}
