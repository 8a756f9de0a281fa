// Parses iCalendar files with ical.js (npm), the library of Thunderbird and others: tests/quality/test_validators.py.
// Prints, per file, whether it parsed, its components, time zones and events (as UTC instants).
const ICAL = require("ical.js");
const fs = require("fs");
const out = {};
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  try {
    const calendar = new ICAL.Component(ICAL.parse(text));
    if (calendar.name !== "vcalendar") throw new Error("not a VCALENDAR: " + calendar.name);
    const zones = calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"));
    zones.forEach((z) => ICAL.TimezoneService.register(new ICAL.Timezone({ component: calendar.getAllSubcomponents("vtimezone").find((c) => c.getFirstPropertyValue("tzid") === z) })));
    const events = calendar.getAllSubcomponents("vevent").map((v) => {
      const e = new ICAL.Event(v);
      return { summary: e.summary, uid: e.uid, start: e.startDate.toJSDate().toISOString(), end: e.endDate ? e.endDate.toJSDate().toISOString() : null };
    });
    out[file] = { ok: true, components: calendar.getAllSubcomponents().map((c) => c.name), zones, events };
  } catch (error) {
    out[file] = { ok: false, error: String(error) };
  }
}
process.stdout.write(JSON.stringify(out));
