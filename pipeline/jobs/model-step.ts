import type { ReportColumns } from '../load/columns.ts';
import { WarehouseWriter } from '../load/warehouse.ts';
import { MODELS_DIR, runModels } from '../models/run.ts';
import type { RuleSettings } from '../models/settings.ts';
import { applyReviews, type ReviewInputs } from '../reviews/apply.ts';

/**
 * What every job does on a loaded warehouse before it is swapped in: the models (which end with
 * the data tests, so a broken contract stops here; they run on several connections to the
 * warehouse) and the review step (reviewers' decisions, review score).
 */
export async function modelAndReview(writer: WarehouseWriter, settings: RuleSettings, reviews: ReviewInputs, modelsDir = MODELS_DIR): Promise<void> {
  const connection = await writer.written();
  await runModels(connection, settings, modelsDir, { connect: () => writer.connect() });
  await applyReviews(connection, reviews);
}

/** The review step with no sheets and no history: every flag 待复核, default grade bands. */
const noReviews = (): ReviewInputs => ({
  sheets: { decisions: [], errors: [], files: 0 },
  previousDb: null,
  grades: { excellent: 90, good: 80, fair: 60 },
});

/** Writes a complete warehouse from reports held in memory (constructed reports in tests). */
export async function writeWarehouse(dbPath: string, reports: readonly ReportColumns[], settings: RuleSettings, reviews: ReviewInputs = noReviews()): Promise<void> {
  const writer = await WarehouseWriter.create(dbPath);
  try {
    for (const report of reports) await writer.appendReport(report);
    await modelAndReview(writer, settings, reviews);
  } catch (err) {
    writer.abort();
    throw err;
  }
  await writer.commit();
}
