package io.polyret.core.device;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteBuffer;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListMemoryBytes;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetRegisteredKernelsForOp;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.internal.c_api.TF_Buffer;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.KernelDef;
import org.tensorflow.proto.KernelList;

/**
 * TensorFlow's view of the machine, through its C API: the devices a session with a given config
 * gets ({@code TF_SessionListDevices}; TF Java 1.1.0's {@code Session} does not expose them), and
 * whether the loaded natives carry GPU kernels at all.
 */
public final class TfDevices {
  private TfDevices() {}

  /** A device as TensorFlow lists it. */
  public record Device(String name, String type, long memoryBytes) {}

  /**
   * The devices of a fresh session built with {@code config}.
   *
   * @throws IllegalStateException with TensorFlow's message when the session cannot be created
   */
  public static List<Device> list(ConfigProto config) {
    TF_Status status = TF_NewStatus();
    TF_Graph graph = TF_NewGraph();
    TF_SessionOptions options = TF_NewSessionOptions();
    TF_Session session = null;
    try {
      byte[] bytes = config.toByteArray();
      try (BytePointer p = new BytePointer(bytes)) {
        TF_SetConfig(options, p, bytes.length, status);
      }
      check(status, "session config");
      session = TF_NewSession(graph, options, status);
      check(status, "session");
      TF_DeviceList devices = TF_SessionListDevices(session, status);
      check(status, "device list");
      try {
        List<Device> out = new ArrayList<>();
        for (int i = 0; i < TF_DeviceListCount(devices); i++) {
          String name = TF_DeviceListName(devices, i, status).getString();
          String type = TF_DeviceListType(devices, i, status).getString();
          long memory = TF_DeviceListMemoryBytes(devices, i, status);
          check(status, "device " + i);
          out.add(new Device(name, type, memory));
        }
        return out;
      } finally {
        TF_DeleteDeviceList(devices);
      }
    } finally {
      if (session != null) {
        TF_CloseSession(session, status);
        TF_DeleteSession(session, status);
      }
      TF_DeleteSessionOptions(options);
      TF_DeleteGraph(graph);
      TF_DeleteStatus(status);
    }
  }

  /** Whether the loaded TensorFlow natives have a GPU kernel for {@code MatMul} (a CUDA build). */
  public static boolean hasGpuKernels() {
    TF_Status status = TF_NewStatus();
    try {
      TF_Buffer buffer = TF_GetRegisteredKernelsForOp("MatMul", status);
      check(status, "kernel list");
      try {
        byte[] bytes = new byte[(int) buffer.length()];
        new BytePointer(buffer.data()).capacity(bytes.length).get(bytes);
        for (KernelDef k : KernelList.parseFrom(bytes).getKernelList()) {
          if (k.getDeviceType().equals("GPU")) {
            return true;
          }
        }
        return false;
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new IllegalStateException("unreadable kernel list from TensorFlow: " + e.getMessage(), e);
      } finally {
        TF_DeleteBuffer(buffer);
      }
    } finally {
      TF_DeleteStatus(status);
    }
  }

  private static void check(TF_Status status, String what) {
    int code = TF_GetCode(status);
    if (code != 0) {
      throw new IllegalStateException("TensorFlow refused the " + what + " (code " + code + "): " + TF_Message(status).getString());
    }
  }
}
