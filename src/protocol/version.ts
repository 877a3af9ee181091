/** SDK version announced in `bt_header_*_version` (kept in step with package.json). */
export const sdkVersion = '0.1.0'

/** `major·10⁶ + minor·10³ + patch`, the integer form the Python SDK sends (0.1.0 → 1000). */
export function versionAsInt(version: string): number {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0)
  return major * 1_000_000 + minor * 1_000 + patch
}

export const sdkVersionAsInt = versionAsInt(sdkVersion)
