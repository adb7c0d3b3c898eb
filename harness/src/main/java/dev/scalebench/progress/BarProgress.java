package dev.scalebench.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar (me.tongfei:progressbar) whose ETA comes from the cost model, corrected as trials finish. */
final class BarProgress implements Progress {
    private final ProgressBar bar;
    private volatile Duration eta;

    BarProgress(PrintStream err, int done, int total, Duration eta) {
        this.eta = eta;
        this.bar = new ProgressBarBuilder()
                .setTaskName("sweep")
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .setUpdateIntervalMillis(500)
                .setEtaFunction(state -> Optional.of(this.eta))
                .build();
        bar.stepTo(done);
    }

    @Override
    public void trialFinished(String trialId, boolean ok, int done, int total, Duration eta) {
        this.eta = eta;
        bar.stepTo(done);
        bar.setExtraMessage((ok ? " " : " FAILED ") + trialId);
    }

    @Override
    public void close() {
        bar.close();
    }
}
