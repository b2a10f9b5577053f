package dev.tessera.claims;

import java.lang.annotation.Annotation;
import java.lang.reflect.Member;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.Claim;

import dev.tessera.bearer.ClaimRule;
import dev.tessera.claims.InjectedClaimsRule.InjectedClaim;
import dev.tessera.config.BearerConfig;
import dev.tessera.config.ConfigReader;
import dev.tessera.mechanism.JakartaSecurityRequirement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.json.spi.JsonProvider;

/**
 * Checks every {@code @Claim} injection point at deployment, as MicroProfile JWT 2.1 requires: a type the
 * specification does not list, a qualifier that names no claim or two different ones, a claim injected into a
 * passivation-capable bean (for example {@code @SessionScoped}), and a raw or JSON-P claim (a value fixed at
 * injection) in an {@code @ApplicationScoped} or {@code @Singleton} bean fail the deployment, naming the injection
 * point. Such a value in a bean of another longer-lived normal scope gets a warning. From the injection points it
 * makes the {@link InjectedClaimsRule}, which refuses tokens whose claims cannot be injected as asked. Active only
 * when the inbound side is configured, like the {@code JsonWebToken} producer; otherwise Liberty's {@code mpJwt}
 * feature, if present, serves {@code @Claim}.
 */
public class ClaimsExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(ClaimsExtension.class.getName());

    private boolean active;
    /** Every kind of {@code @Claim} injection point of the application; Weld may fire its events on several threads. */
    private final Set<InjectedClaim> injected = ConcurrentHashMap.newKeySet();
    private final JsonProvider json = JsonProvider.provider();

    /**
     * Claims are produced when the inbound side is configured and can run: without Jakarta Security there is no
     * caller to read them from, and {@link JakartaSecurityRequirement} reports that as the deployment's one error
     * (Weld reports only its first problem, which an unsatisfied {@code JsonWebToken} here would otherwise be).
     */
    void decide(@Observes BeforeBeanDiscovery event) {
        active = BearerConfig.isConfigured(new ConfigReader(ConfigProvider.getConfig()))
                && JakartaSecurityRequirement.problem(ClaimsExtension.class.getClassLoader()).isEmpty();
    }

    void producerOnlyWhenConfigured(@Observes ProcessAnnotatedType<ClaimProducer> event) {
        if (!active) {
            event.veto();
        }
    }

    void checkInjectionPoint(@Observes ProcessInjectionPoint<?, ?> event) {
        InjectionPoint injectionPoint = event.getInjectionPoint();
        if (!active) {
            return;
        }
        Claim claim = ClaimProducer.claimOf(injectionPoint.getQualifiers());
        if (claim == null) {
            return;
        }
        try {
            InjectedClaim injectedClaim = new InjectedClaim(ClaimName.of(claim),
                    ClaimTarget.of(injectionPoint.getType()));
            InjectedClaimsRule.checkFixedType(injectedClaim, json);
            injected.add(injectedClaim);
        } catch (IllegalArgumentException e) {
            event.addDefinitionError(problemAt(injectionPoint, e.getMessage()));
        } catch (ClaimTypeException e) {
            event.addDefinitionError(problemAt(injectionPoint,
                    e.getMessage() + ": its type is the same in every accepted token"));
        }
    }

    /**
     * Adds the rule that refuses a token whose claims cannot be injected as the application asks (a {@code ClaimRule}
     * bean, which the bearer mechanism runs on every token it verifies).
     */
    void addInjectedClaimsRule(@Observes AfterBeanDiscovery event) {
        InjectedClaimsRule rule = new InjectedClaimsRule(Set.copyOf(injected), json);
        if (active && !rule.isEmpty()) {
            event.addBean().beanClass(InjectedClaimsRule.class).types(ClaimRule.class, Object.class)
                    .scope(Dependent.class).createWith(context -> rule);
        }
    }

    void checkScope(@Observes ProcessBean<?> event, BeanManager beans) {
        if (!active) {
            return;
        }
        Bean<?> bean = event.getBean();
        Class<? extends Annotation> scope = bean.getScope();
        for (InjectionPoint injectionPoint : bean.getInjectionPoints()) {
            if (ClaimProducer.claimOf(injectionPoint.getQualifiers()) == null) {
                continue;
            }
            if (beans.isPassivatingScope(scope)) {
                event.addDefinitionError(problemAt(injectionPoint, "a claim cannot be injected into a bean of the"
                        + " passivating scope @" + scope.getSimpleName()));
            } else if (!keepsFirstValue(injectionPoint.getType()) || scope == RequestScoped.class) {
                continue;
            } else if (scope == ApplicationScoped.class || scope == Singleton.class) {
                event.addDefinitionError(problemAt(injectionPoint, "a @" + scope.getSimpleName() + " bean would"
                        + " keep the first caller's claim for every later caller; inject ClaimValue, Provider or"
                        + " Instance, which read the current request's claim"));
            } else if (beans.isNormalScope(scope)) {
                LOG.warning(() -> "The @Claim injection point " + describe(injectionPoint) + " of a @"
                        + scope.getSimpleName() + " bean keeps the value of the first request; inject"
                        + " ClaimValue, Provider or Instance to read the current request's claim");
            }
        }
    }

    /** Whether the injected object is a value fixed at injection, rather than a reader of the current request. */
    static boolean keepsFirstValue(Type type) {
        if (type instanceof ParameterizedType parameterized
                && (parameterized.getRawType() == Provider.class || parameterized.getRawType() == Instance.class)) {
            return false;
        }
        try {
            return !ClaimTarget.of(type).claimValue();
        } catch (IllegalArgumentException reportedAlready) {
            return false;
        }
    }

    /** A {@code DeploymentException}, as MicroProfile JWT 2.1 asks, naming the injection point. */
    private static DeploymentException problemAt(InjectionPoint injectionPoint, String problem) {
        return new DeploymentException("The @Claim injection point " + describe(injectionPoint) + " is invalid: "
                + problem);
    }

    /** The injection point as a developer finds it: class, member, and parameter position. */
    static String describe(InjectionPoint injectionPoint) {
        Member member = injectionPoint.getMember();
        String where = member.getDeclaringClass().getName() + "." + member.getName();
        if (injectionPoint.getAnnotated() instanceof AnnotatedParameter<?> parameter) {
            where += " (parameter " + parameter.getPosition() + ")";
        }
        return where;
    }
}
