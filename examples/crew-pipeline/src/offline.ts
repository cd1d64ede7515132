// KaibanJS reads this once, when it is first imported, and otherwise sends
// usage events to TelemetryDeck: main.ts imports this module before
// 'kaibanjs' so the example runs offline.
process.env.KAIBAN_TELEMETRY_OPT_OUT ??= 'true';
