// What would bring main down: an exception nothing caught, a rejection nothing handled. Tests that feed the
// engine hostile input collect them here (and fail on any) instead of letting the test runner crash.
export interface CrashWatch {
  crashes: string[];
  stop(): void;
}

export function crashWatch(): CrashWatch {
  const crashes: string[] = [];
  const onCrash = (error: unknown) => crashes.push(String((error as Error | undefined)?.stack ?? error));
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  return {
    crashes,
    stop: () => {
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    },
  };
}
