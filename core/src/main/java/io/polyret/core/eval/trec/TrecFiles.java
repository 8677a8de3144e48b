package io.polyret.core.eval.trec;

import java.io.IOException;
import java.io.Writer;

/** Line formats of TREC run and qrels files, as trec_eval reads them. */
public final class TrecFiles {
  private TrecFiles() {}

  /**
   * Writes {@code qid Q0 docid rank score tag}. The score is printed with {@link Float#toString},
   * the shortest text that reads back as the same float, so trec_eval (which parses it as a double)
   * sees exactly the ties and the order polyret used.
   */
  public static void writeRunLine(Writer w, String qid, String docid, int rank, float score,
      String tag) throws IOException {
    w.write(qid);
    w.write(" Q0 ");
    w.write(docid);
    w.write(' ');
    w.write(Integer.toString(rank));
    w.write(' ');
    w.write(Float.toString(score + 0.0f));
    w.write(' ');
    w.write(tag);
    w.write('\n');
  }

  /** Writes {@code qid 0 docid rel}. */
  public static void writeQrelsLine(Writer w, String qid, String docid, int rel)
      throws IOException {
    w.write(qid);
    w.write(" 0 ");
    w.write(docid);
    w.write(' ');
    w.write(Integer.toString(rel));
    w.write('\n');
  }
}
