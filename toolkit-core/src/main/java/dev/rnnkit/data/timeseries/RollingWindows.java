package dev.rnnkit.data.timeseries;

import dev.rnnkit.config.OutputType;
import dev.rnnkit.data.ReadLog;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The complete windows of a CSV series, made as the rows they need are read, holding only a rolling buffer of rows.
 *
 * <p>Windows start every {@code stride} rows from the first start whose {@code history} fits, exactly as
 * {@link TimeSeriesState#windows} finds them in a whole segment; each window gets a small segment of its own (the rows
 * of its history, lookback and labels, and for forecasts the season before its first forecast step), so that batches,
 * levels, seasonal histories and timestamps are those of the whole series. Rows with an unknown category are
 * rejected (and left out) as {@link TimeSeriesState#segment} does.
 */
public final class RollingWindows implements Iterator<TimeSeriesState.Window>, AutoCloseable {

    /** One read row with its scaled features and targets. */
    private record Entry(SeriesRow row, float[] features, float[] targets) {
    }

    private final TimeSeriesState state;
    private final SeriesReader.Rows rows;
    private final String file;
    private final ReadLog log;
    private final int lookback;
    private final int span;
    /** Complete rows a window needs before its start (its history beyond the lookback). */
    private final int extra;
    /** Rows a window's segment keeps before its start: {@link #extra}, and for forecasts the season before its origin. */
    private final int before;
    private final ArrayDeque<Entry> buffer = new ArrayDeque<>();
    private final Timestamps.Reader times;
    private final Timestamps.IntervalCounter intervals;
    private long read;
    /** The series index of the last row with a missing value (-1: none yet). */
    private long lastIncomplete = -1;
    private long nextStart;
    private TimeSeriesState.Window ready;
    private boolean dates = true;
    private LocalDateTime lastTime;
    private int lastForm;

    /**
     * Windows over the rows of a file read with the state's settings.
     *
     * @param file       the file's name, for messages
     * @param history    complete rows each window needs before its first label step (at least the lookback)
     * @param log        takes the rejects of rows with an unknown category
     * @param trackTimes whether to follow the rows' timestamps for {@link #futureTimestamps}
     */
    RollingWindows(TimeSeriesState state, SeriesReader.Rows rows, String file, int history, ReadLog log, boolean trackTimes) {
        this.state = state;
        this.rows = rows;
        this.file = file;
        this.log = log;
        this.lookback = state.settings().lookback();
        this.span = state.span();
        this.extra = Math.max(history, lookback) - lookback;
        int season = state.outputType() == OutputType.FORECAST ? state.settings().season() - lookback : 0;
        this.before = Math.max(extra, season);
        this.nextStart = extra;
        this.times = trackTimes ? new Timestamps.Reader() : null;
        this.intervals = trackTimes ? new Timestamps.IntervalCounter() : null;
    }

    @Override
    public boolean hasNext() {
        while (ready == null && rows.hasNext()) {
            add(rows.next());
        }
        return ready != null;
    }

    @Override
    public TimeSeriesState.Window next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        TimeSeriesState.Window w = ready;
        ready = null;
        return w;
    }

    /** Buffers one row and makes the window whose last label row it is, when that window starts on the stride. */
    private void add(SeriesRow row) {
        float[] x = state.features(row, file, log);
        if (x == null) {
            return;
        }
        follow(row.timestamp());
        buffer.addLast(new Entry(row, x, java.util.Arrays.copyOf(x, state.targetCount())));
        if (buffer.size() > before + span) {
            buffer.removeFirst();
        }
        lastIncomplete = row.complete() ? lastIncomplete : read;
        read++;
        if (nextStart + span == read) {
            long start = nextStart;
            nextStart += state.settings().stride();
            if (completeFrom(start - extra)) {
                ready = window(start, read);
            }
        }
    }

    /** Whether the rows from row {@code first} of the series on are all complete. */
    private boolean completeFrom(long first) {
        return lastIncomplete < first;
    }

    /** The window starting at row {@code start} of the series, in a segment of the buffered rows before {@code end}. */
    private TimeSeriesState.Window window(long start, long end) {
        long from = Math.max(0, start - before);
        List<SeriesRow> segmentRows = new ArrayList<>();
        List<float[]> features = new ArrayList<>();
        List<float[]> targets = new ArrayList<>();
        long index = read - buffer.size();
        boolean[] complete = new boolean[(int) (end - from)];
        for (Entry e : buffer) {
            if (index >= from && index < end) {
                complete[segmentRows.size()] = e.row().complete();
                segmentRows.add(e.row());
                features.add(e.features());
                targets.add(e.targets());
            }
            index++;
        }
        // A window's own segment: no earlier context, and the lookback as history (its start is checked here).
        var segment = new TimeSeriesState.Segment(segmentRows, features.toArray(new float[0][]), targets.toArray(new float[0][]),
                complete, 0, lookback);
        return new TimeSeriesState.Window(segment, (int) (start - from));
    }

    private void follow(String timestamp) {
        if (times == null || !dates) {
            return;
        }
        LocalDateTime t = times.read(timestamp);
        dates = t != null;
        if (dates) {
            intervals.add(t);
            lastTime = t;
            lastForm = times.form();
        }
    }

    /**
     * Once every window has been given, the window over the last {@code lookback} rows, whose forecast steps follow the
     * file's end; null as for {@link TimeSeriesState#futureWindow}.
     */
    public TimeSeriesState.Window future() {
        if (hasNext()) {
            throw new IllegalStateException("windows remain");
        }
        if (read < lookback) {
            return null;
        }
        long start = read - lookback;
        TimeSeriesState.Window w = window(start, read);
        return state.futureWindow(w.segment());
    }

    /**
     * The {@code horizon} timestamps after the last row, one interval apart; null when the timestamps are absent, not
     * dates, or fewer than two (see {@link Timestamps#after}).
     */
    public List<String> futureTimestamps() {
        return times == null || !dates || lastTime == null ? null
                : Timestamps.after(intervals.interval(), lastTime, lastForm, state.horizon());
    }

    /** Rows kept so far (read, less those with an unknown category). */
    public long rowsRead() {
        return read;
    }

    @Override
    public void close() {
        rows.close();
    }
}
