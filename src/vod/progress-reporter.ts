// Upload progress for people: a redrawn bar with speed and ETA on a terminal, plain lines (every 10 %) otherwise,
// so logs and CI output stay readable.
export interface Progress {
  loaded: number;
  total: number;
  /** bytes per second */
  speed: number;
}

const MiB = 1024 * 1024;

// Properties, not methods: `update` is handed on alone as an onProgress callback.
export interface ProgressReporter {
  update: (progress: Progress) => void;
  done: () => void;
}

export function progressReporter(stream: NodeJS.WriteStream, label: string): ProgressReporter {
  let lastDecile = -1;
  return {
    update({ loaded, total, speed }) {
      const fraction = total > 0 ? Math.min(1, loaded / total) : 1;
      const eta = speed > 0 ? Math.ceil((total - loaded) / speed) : null;
      const figures = `${(fraction * 100).toFixed(0).padStart(3)}% ${(loaded / MiB).toFixed(1)}/${(total / MiB).toFixed(1)} MiB ${(speed / MiB).toFixed(1)} MiB/s ETA ${eta === null ? "?" : `${eta}s`}`;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(fraction * width);
        stream.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${figures}   `);
        return;
      }
      const decile = Math.floor(fraction * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        stream.write(`${label} ${figures}\n`);
      }
    },
    done() {
      if (stream.isTTY) stream.write("\n");
    },
  };
}
