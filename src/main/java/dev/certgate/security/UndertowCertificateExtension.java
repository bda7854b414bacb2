package dev.certgate.security;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.handlers.security.SSLInformationAssociationHandler;
import jakarta.servlet.ServletContext;

/**
 * WildFly (Undertow) only: makes the client certificate visible to a Jakarta Security mechanism.
 * Undertow fills {@code jakarta.servlet.request.X509Certificate} in a handler that runs after
 * authentication, so certgate's mechanism would see no certificate; this extension puts the same
 * Undertow handler in front of the deployment's handler chain (an outer wrapper), so the
 * attribute is there before authentication. It sets what Undertow sets anyway, a little earlier,
 * so an application that does not use the mechanism sees no difference.
 *
 * <p>Undertow finds it through {@code META-INF/services/io.undertow.servlet.ServletExtension};
 * no other server reads that file, so on Payara and Open Liberty this class is never loaded and
 * the library needs no Undertow at run time.
 */
public final class UndertowCertificateExtension implements ServletExtension {

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext servletContext) {
        deployment.addOuterHandlerChainWrapper(SSLInformationAssociationHandler::new);
    }
}
