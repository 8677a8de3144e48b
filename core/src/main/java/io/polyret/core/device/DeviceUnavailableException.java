package io.polyret.core.device;

/** Thrown when a run asks for {@code device gpu} and no GPU can be used; the message says why. */
public final class DeviceUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public DeviceUnavailableException(String message) {
    super(message);
  }
}
