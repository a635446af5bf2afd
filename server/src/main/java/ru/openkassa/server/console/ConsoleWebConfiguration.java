package ru.openkassa.server.console;

import java.time.Duration;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Russian by default; {@code ?lang=en} switches the console to English and a cookie remembers it. */
@Configuration
class ConsoleWebConfiguration implements WebMvcConfigurer {

    private final LiveUserCheck liveUserCheck;
    private final IdleSessionCheck idleSessionCheck;

    ConsoleWebConfiguration(LiveUserCheck liveUserCheck, IdleSessionCheck idleSessionCheck) {
        this.liveUserCheck = liveUserCheck;
        this.idleSessionCheck = idleSessionCheck;
    }

    static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("openkassa-lang");
        resolver.setDefaultLocale(RUSSIAN);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/console/**");
        registry.addInterceptor(idleSessionCheck).addPathPatterns("/console/**");
        registry.addInterceptor(liveUserCheck).addPathPatterns("/console/**");
    }
}
