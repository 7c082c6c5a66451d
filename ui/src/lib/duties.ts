// What the person at this laptop is responsible for, as the core's policy decides
// (`DeviceInfo.duties`). Screens choose their views by these and derive nothing from
// roles; what may be done with one record comes with the record (`allowedActions`).
import type { DeviceInfo, Duty } from './bindings';

export function holds(device: DeviceInfo, duty: Duty): boolean {
  return device.duties.includes(duty);
}

/** The agency whose own work this laptop shows; null for whoever follows every agency. */
export function ownAgency(device: DeviceInfo): string | null {
  return holds(device, 'oversee') ? null : device.agencyCode;
}
