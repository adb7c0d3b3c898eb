package dev.scalebench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The masker over a table of URL forms: what it hides, and what it must leave alone. */
class SecretsTest {

    static Stream<Arguments> masked() {
        return Stream.of(
                // authority user:password@, any scheme
                Arguments.of("jdbc:postgresql://bob:s3cret@db.example:5432/bench",
                        "jdbc:postgresql://bob:***@db.example:5432/bench"),
                Arguments.of("jdbc:mysql://bob:s3cret@h/db", "jdbc:mysql://bob:***@h/db"),
                Arguments.of("http://user:s3cret@pushgateway:9091", "http://user:***@pushgateway:9091"),
                Arguments.of("https://user:s3cret@pushgateway/prefix/", "https://user:***@pushgateway/prefix/"),
                Arguments.of("http://user:p@ss:w0rd@host:9091/x", "http://user:***@host:9091/x"),
                Arguments.of("http://:s3cret@host", "http://:***@host"),
                Arguments.of("jdbc:mysql://bob:s3cret@h1:3306,h2:3306/db", "jdbc:mysql://bob:***@h1:3306,h2:3306/db"),
                // Oracle thin (and other Oracle driver types): user/password@
                Arguments.of("jdbc:oracle:thin:scott/s3cret@db.example:1521/svc",
                        "jdbc:oracle:thin:scott/***@db.example:1521/svc"),
                Arguments.of("jdbc:oracle:thin:scott/s3cret@//db.example:1521/svc",
                        "jdbc:oracle:thin:scott/***@//db.example:1521/svc"),
                Arguments.of("JDBC:ORACLE:THIN:scott/s3cret@db:1521:orcl", "JDBC:ORACLE:THIN:scott/***@db:1521:orcl"),
                Arguments.of("jdbc:oracle:thin:scott/\"s3 cr@t\"@db:1521/svc", "jdbc:oracle:thin:scott/***@db:1521/svc"),
                Arguments.of("jdbc:oracle:oci:scott/s3cret@tnsalias", "jdbc:oracle:oci:scott/***@tnsalias"),
                // parameters after ?, & and ;, any case
                Arguments.of("jdbc:postgresql://h/db?user=a&password=s3cret&ssl=true",
                        "jdbc:postgresql://h/db?user=a&password=***&ssl=true"),
                Arguments.of("jdbc:sqlite:/tmp/h.db?password=s3cret", "jdbc:sqlite:/tmp/h.db?password=***"),
                Arguments.of("jdbc:sqlserver://h:1433;databaseName=db;user=sa;pwd=s3cret;encrypt=true",
                        "jdbc:sqlserver://h:1433;databaseName=db;user=sa;pwd=***;encrypt=true"),
                Arguments.of("Driver={ODBC Driver 18};Server=h;UID=sa;PWD=s3cret;",
                        "Driver={ODBC Driver 18};Server=h;UID=sa;PWD=***;"),
                Arguments.of("Server=h; PWD = {s3;cr}}et};Database=db", "Server=h; PWD = ***;Database=db"),
                Arguments.of("jdbc:h2:tcp://h/db;USER=sa;PASSWORD=s3cret", "jdbc:h2:tcp://h/db;USER=sa;PASSWORD=***"),
                Arguments.of("jdbc:x://h/db?Passwd=s3cret&Secret=s3cret2&TOKEN=s3cret3",
                        "jdbc:x://h/db?Passwd=***&Secret=***&TOKEN=***"),
                Arguments.of("http://h:9091/?apikey=s3cret&api_key=s3cret2&x-api-key=s3cret3",
                        "http://h:9091/?apikey=***&api_key=***&x-api-key=***"),
                Arguments.of("jdbc:postgresql://h/db?sslpassword=s3cret&client_secret=s3cret2&access_token=s3cret3",
                        "jdbc:postgresql://h/db?sslpassword=***&client_secret=***&access_token=***"),
                Arguments.of("jdbc:mysql://(host=h,user=bob,password=s3cret)/db",
                        "jdbc:mysql://(host=h,user=bob,password=***"),
                // all at once, and inside a message
                Arguments.of("jdbc:postgresql://bob:s3cret@h/db?password=s3cret2",
                        "jdbc:postgresql://bob:***@h/db?password=***"),
                Arguments.of("cannot open the history database jdbc:oracle:thin:scott/s3cret@db:1521/svc: no driver",
                        "cannot open the history database jdbc:oracle:thin:scott/***@db:1521/svc: no driver"),
                Arguments.of("java.lang.IllegalArgumentException: Illegal character in path at index 30: "
                        + "http://user:s3cret@h:9091/a|b", "java.lang.IllegalArgumentException: Illegal character in"
                        + " path at index 30: http://user:***@h:9091/a|b"));
    }

    static Stream<String> unchanged() {
        return Stream.of(
                "jdbc:sqlite:results/history.db",
                "jdbc:sqlite:/path/with/slash@sign.db",
                "jdbc:sqlite:/data/user/pass@host.db",
                "jdbc:sqlite:/data/password=x.db",
                "jdbc:sqlite:C:/data/a@b.db",
                "jdbc:sqlite:file:///tmp/a:b@c.db",
                "jdbc:postgresql://db.example/bench?user=sb",
                "jdbc:postgresql://bob@db.example/bench",
                "jdbc:mysql://h:3306/db?user=bob@corp",
                "jdbc:sqlserver://h:1433;user=admin@server;databaseName=db",
                "http://host:9091/metrics/job/x@y",
                "http://pushgateway:9091",
                "jdbc:oracle:thin:@//db.example:1521/svc",
                "jdbc:oracle:thin:@db.example:1521:orcl",
                "jdbc:postgresql://h/db?password=&user=a",
                "jdbc:x://h/db?tokenizer=gpt2&token_type=bearer&password_file=/etc/pw",
                "sweep metered: 6 trials, 0 failed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("masked")
    void masksEverySecretAndKeepsTheRest(String url, String expected) {
        assertThat(Secrets.mask(url)).isEqualTo(expected).doesNotContain("s3cret");
        assertThat(Secrets.mask(expected)).as("masking is idempotent").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unchanged")
    void leavesTextWithoutSecretsAlone(String text) {
        assertThat(Secrets.mask(text)).isEqualTo(text);
    }

    @Test
    void aMessageQuotingAMaskedUrlKeepsItsPunctuationWhenMaskedAgain() {
        String once = "no baseline: the history (" + Secrets.mask("jdbc:x://h/db?password=s3cret") + ") has none";
        assertThat(once).isEqualTo("no baseline: the history (jdbc:x://h/db?password=***) has none");
        assertThat(Secrets.mask(once)).isEqualTo(once);
        assertThat(Secrets.mask("'jdbc:x://h/db?token=s3cret', next")).isEqualTo("'jdbc:x://h/db?token=*** next");
    }

    @Test
    void aMessageLosesTheUrlsSecretsWhereverItQuotesThem() {
        String url = "jdbc:postgresql://bob:hunter2@h/db?sslpassword={pa;ss}&token=ab";
        assertThat(Secrets.mask("FATAL: password 'hunter2' rejected; key pa;ss; token ab", url))
                .isEqualTo("FATAL: password '***' rejected; key ***; token ab");
        assertThat(Secrets.mask(null, url)).isNull();
        assertThat(Secrets.mask("jdbc:x://h/db?password=s3cret", null)).isEqualTo("jdbc:x://h/db?password=***");
    }
}
