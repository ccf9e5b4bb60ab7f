// Times in the warehouse are UTC; the pages show them in the bureau's zone (config `timeZone`,
// Asia/Shanghai by default) with the zone named, so 21:41 UTC reads 05:41 北京时间.
const ZONE_NAMES = {"Asia/Shanghai": "北京时间", "Asia/Urumqi": "乌鲁木齐时间", UTC: "协调世界时"};

export function localTime(utc, timeZone = "Asia/Shanghai") {
  if (!utc) return "—";
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(utc) ? utc : `${String(utc).replace(" ", "T")}Z`);
  if (Number.isNaN(d.getTime())) return String(utc);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("zh-CN", {timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23"})
      .formatToParts(d).map((p) => [p.type, p.value])
  );
  const offset = new Intl.DateTimeFormat("en-US", {timeZone, timeZoneName: "shortOffset"}).formatToParts(d).find((p) => p.type === "timeZoneName")?.value.replace("GMT", "UTC") ?? "";
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}（${ZONE_NAMES[timeZone] ?? timeZone}，${offset || "UTC"}）`;
}
