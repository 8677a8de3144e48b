package io.polyret.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class TfDevicesTest {
  @Test
  void listsTheVirtualCpusOfASessionConfig() {
    ExecutionOptions o = ExecutionOptions.DEFAULT.withDevice(DeviceKind.CPU).withTowers(3);
    List<TfDevices.Device> devices = TfDevices.list(o.configProto(1, DeviceSelection.cpu(DeviceKind.CPU, 3, "t")));
    List<String> cpus = devices.stream().filter(d -> d.type().equals("CPU")).map(TfDevices.Device::name).toList();
    assertEquals(3, cpus.size(), devices.toString());
    assertEquals(List.of(), devices.stream().filter(d -> d.type().equals("GPU")).toList());
  }

  @Test
  void theCpuNativesHaveNoGpuKernels() {
    assertFalse(TfDevices.hasGpuKernels());
  }
}
