package dev.scalebench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the secrets in URLs (the history's JDBC URL, a Pushgateway's URL) and in any text that quotes them, before
 * it is printed or stored: each secret becomes {@code ***}; everything else (scheme, host, port, database, user
 * name, the other parameters) stays readable. The rules, applied wherever they match in the text:
 *
 * <ol>
 *   <li><b>Password of an authority</b>, any scheme ({@code http}, {@code https}, {@code jdbc:postgresql},
 *       {@code jdbc:mysql}, ...): {@code //USER:PASSWORD@HOST} becomes {@code //USER:***@HOST}. USER holds none of
 *       {@code / ? # @ : ;} nor white space. The authority ends at the first {@code /}, {@code ?}, {@code #},
 *       {@code ;} or white space after {@code //} (RFC 3986; {@code ;} starts a JDBC driver's properties), and
 *       PASSWORD runs to its last {@code @}: a password may hold {@code :} and {@code @} as typed, while
 *       {@code / ? # ;} must be percent-encoded, as in any URL. A user name alone ({@code //USER@HOST}) is kept.
 *   <li><b>Oracle's {@code USER/PASSWORD@}</b>: {@code jdbc:oracle:thin:scott/tiger@host:1521/svc} (also
 *       {@code ...@//host:1521/svc}, any Oracle driver type) becomes {@code jdbc:oracle:thin:scott/***@...};
 *       PASSWORD, {@code "quoted"} or not, runs to the last {@code @} before white space. Only after
 *       {@code jdbc:oracle:DRIVER:}, because elsewhere {@code a/b@c} is a path: {@code jdbc:sqlite:/data/b@c.db}
 *       stays.
 *   <li><b>Secret parameters</b>: {@code NAME=VALUE} after {@code ?}, {@code &}, {@code ;} (JDBC and ODBC
 *       properties), {@code (} or {@code ,} (MySQL's {@code (host=h,password=p)}), white space allowed around
 *       NAME and {@code =}, where NAME ends, in any case, in {@code password}, {@code passwd}, {@code pwd},
 *       {@code secret}, {@code token}, {@code apikey}, {@code api_key} or {@code api-key} (so {@code PWD},
 *       {@code sslpassword}, {@code client_secret} and {@code access_token} too). VALUE, non-empty, runs to the
 *       next {@code &}, {@code ;}, {@code #} or white space, or is ODBC's {@code {braced}} text. A NAME=VALUE
 *       that follows another character stays: {@code jdbc:sqlite:/data/password=x.db} is a file name.
 * </ol>
 *
 * <p>Masking errs toward hiding: a {@code @} inside an authority or after an Oracle password may take more than
 * the password with it, never less, and so may a parameter's value quoted in a message ({@code (URL)} loses its
 * {@code )}). What it cannot know: a password typed with a raw {@code / ? # ;} in an authority (not a valid URL)
 * shows from that character on. Text masked before stays as it is, so masking a message that quotes a masked
 * URL keeps it whole. {@link #mask(String, String)} also hides, in a message, each secret of a given URL
 * wherever the message quotes it (for drivers that echo a part of the URL rather than the URL).
 */
public final class Secrets {
    /** What a secret is replaced with. */
    public static final String MASK = "***";
    /** Secrets shorter than this are not searched for as plain text in messages (only the rules apply). */
    static final int MIN_LITERAL = 3;

    private static final Pattern AUTHORITY = Pattern.compile("(//[^/?#@:;\\s]*:)([^/?#;\\s]+)@");
    private static final Pattern ORACLE = Pattern.compile(
            "(?i)(jdbc:oracle:[a-z0-9]+:[^/@\\s]*/)((?:\"[^\"]*\"|[^\\s\"])+)@");
    private static final Pattern PARAMETER = Pattern.compile(
            "(?i)([?&;(,]\\s*[\\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key)\\s*=\\s*)"
                    + "(\\{[^}]*}?[^&;#\\s]*|[^&;#\\s]+)");
    private static final List<Pattern> RULES = List.of(ORACLE, AUTHORITY, PARAMETER);
    /** A secret masked before, with what a parameter's value takes along from a message: {@code (URL)}. */
    private static final Pattern MASKED = Pattern.compile("\\Q" + MASK + "\\E[)\\]'\",.]*");

    private Secrets() {
    }

    /** {@code text} (a URL, or a message quoting URLs) with every secret the rules find masked; null stays null. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (Pattern rule : RULES) {
            masked = rule.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(maskOne(m)));
        }
        return masked;
    }

    /** A rule's match with its secret (group 2) masked, unless it is masked already. */
    private static String maskOne(MatchResult m) {
        if (MASKED.matcher(m.group(2)).matches()) {
            return m.group();
        }
        return m.group(1) + MASK + m.group().substring(m.end(2) - m.start());
    }

    /**
     * {@code message} masked by the rules, and with each secret of {@code url} (as the rules find them, of at
     * least {@value #MIN_LITERAL} characters) masked wherever it appears: for a message from a driver or an HTTP
     * client about {@code url}, which may quote a part of it in its own words.
     */
    public static String mask(String message, String url) {
        String masked = mask(message);
        if (masked == null || url == null) {
            return masked;
        }
        List<String> secrets = new ArrayList<>();
        for (Pattern rule : RULES) {
            Matcher m = rule.matcher(url);
            while (m.find()) {
                String s = m.group(2);
                secrets.add(s);
                if (s.length() > 2 && (enclosed(s, '"', '"') || enclosed(s, '{', '}'))) {
                    secrets.add(s.substring(1, s.length() - 1));
                }
            }
        }
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        for (String s : secrets) {
            if (s.length() >= MIN_LITERAL) {
                masked = masked.replace(s, MASK);
            }
        }
        return masked;
    }

    private static boolean enclosed(String s, char open, char close) {
        return s.charAt(0) == open && s.charAt(s.length() - 1) == close;
    }
}
