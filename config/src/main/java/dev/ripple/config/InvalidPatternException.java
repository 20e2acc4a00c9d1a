package dev.ripple.config;

/**
 * A regular expression or glob from the config that {@link RulePattern} does not accept: bad syntax, a feature
 * RE2 syntax leaves out (backreferences, lookaround, possessive quantifiers, atomic groups) or a size past the
 * limits. The message says which and quotes the pattern; callers add the rule or conit and the field.
 */
public final class InvalidPatternException extends ConfigException {
    public InvalidPatternException(String message) {
        super(message);
    }
}
