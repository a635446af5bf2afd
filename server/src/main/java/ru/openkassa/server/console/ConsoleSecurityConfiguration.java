package ru.openkassa.server.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * The console: a session per person, CSRF tokens on every form, login through {@link LoginController}.
 * Account administrators may change anything; dealer staff enter the dealer's clients and there
 * look after registers and groups; operators only look. Any other change is answered 403.
 */
@Configuration
class ConsoleSecurityConfiguration {

    static final String LOGIN = "/console/login";
    /** Who may add and change registers and groups: see {@link ConsoleUser#mayServiceRegisters()}. */
    static final String REGISTER_SERVICE = "REGISTER_SERVICE";

    @Bean
    SecurityContextRepository consoleContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /** A bean so that the login can renew the token: the session id changes, its attributes would stay. */
    @Bean
    CsrfTokenRepository consoleCsrfTokens() {
        return new HttpSessionCsrfTokenRepository();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain consoleChain(HttpSecurity http, SecurityContextRepository consoleContextRepository,
            CsrfTokenRepository consoleCsrfTokens) throws Exception {
        return http
                .securityMatcher("/", "/console", "/console/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(LOGIN, "/console/assets/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/console/logout").authenticated()
                        .requestMatchers(HttpMethod.POST, "/console/dealer/clients/*/enter", "/console/dealer/exit")
                        .hasAnyRole("ADMIN", "DEALER_STAFF")
                        .requestMatchers(HttpMethod.POST, "/console/registers", "/console/registers/*",
                                "/console/registers/*/reissue-id", "/console/registers/*/retire", "/console/groups",
                                "/console/groups/*", "/console/groups/*/delete")
                        .hasRole(REGISTER_SERVICE)
                        .requestMatchers("/console/registers/new", "/console/groups/new").hasRole(REGISTER_SERVICE)
                        .requestMatchers(HttpMethod.POST, "/console/**").hasRole("ADMIN")
                        .requestMatchers("/console/audit", "/console/users",
                                "/console/users/**")
                        .hasRole("ADMIN")
                        .anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(consoleContextRepository))
                .csrf(csrf -> csrf.csrfTokenRepository(consoleCsrfTokens))
                .sessionManagement(sessions -> sessions.invalidSessionUrl(LOGIN + "?expired"))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(LOGIN))
                        .accessDeniedHandler((request, response, denied) -> response.sendError(403)))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl(LOGIN + "?logout")
                        .deleteCookies("JSESSIONID"))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .build();
    }
}
