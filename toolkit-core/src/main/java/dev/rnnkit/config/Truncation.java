package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * Which tokens of a text longer than {@code max_length} are kept.
 *
 * <p>{@link #HEAD_TAIL} keeps the first quarter of the budget (rounded up) from the start and the rest from the end:
 * Sun et al. (2019, "How to Fine-Tune BERT for Text Classification?") found head 128 + tail 382 of a 510-token
 * budget the best cut for long reviews, and ceil(510 / 4) = 128 reproduces that split exactly. Conclusions tend to
 * sit at the end of a review, while the opening still names the subject.
 */
public enum Truncation implements ConfigEnum {
    /** The first max_length tokens (the behaviour before this option existed). */
    @JsonProperty("head") HEAD,
    /** The last max_length tokens. */
    @JsonProperty("tail") TAIL,
    /** The first ceil(max_length / 4) tokens followed by the last max_length - ceil(max_length / 4). */
    @JsonProperty("head_tail") HEAD_TAIL;

    /** How many of {@code maxLength} kept tokens come from the start of a text that is too long. */
    public int headLength(int maxLength) {
        return switch (this) {
            case HEAD -> maxLength;
            case TAIL -> 0;
            case HEAD_TAIL -> (maxLength + 3) / 4;
        };
    }

    /** The tokens to keep: all of them when there are at most {@code maxLength} (null: no limit). */
    public <T> List<T> keep(List<T> tokens, Integer maxLength) {
        if (maxLength == null || tokens.size() <= maxLength) {
            return tokens;
        }
        int head = headLength(maxLength);
        List<T> kept = new ArrayList<>(maxLength);
        kept.addAll(tokens.subList(0, head));
        kept.addAll(tokens.subList(tokens.size() - (maxLength - head), tokens.size()));
        return kept;
    }
}
