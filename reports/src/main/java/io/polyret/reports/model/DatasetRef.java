package io.polyret.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.regex.Pattern;

/**
 * A data file a run used, identified by content.
 *
 * @param name dataset name (for example {@code xquad-r/de})
 * @param path path as given by the user (not resolved), may be null
 * @param sha256 lower-case hex SHA-256 of the file's bytes, may be null when not computed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetRef(String name, String path, String sha256) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Validates. */
  public DatasetRef {
    Checks.requireText(name, "dataset name");
    if (sha256 != null && !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "sha256 of dataset '" + name + "' must be 64 lower-case hex digits, got '" + sha256 + "'");
    }
  }
}
