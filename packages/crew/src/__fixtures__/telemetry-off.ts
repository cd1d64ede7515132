// KaibanJS reads this once, when it is first imported, and otherwise sends
// usage events to TelemetryDeck: import this module before 'kaibanjs' so
// the tests stay offline.
process.env.KAIBAN_TELEMETRY_OPT_OUT = 'true';
