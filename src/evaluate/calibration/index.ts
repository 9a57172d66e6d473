// Calibration: map a model's scores to probabilities that mean what they say (Platt scaling,
// isotonic regression, a cross-fitted calibrated classifier), and measure how well they do
// (reliability curve, expected calibration error).

export { IsotonicCalibrator, IsotonicRegression, poolAdjacentViolators, type IsotonicDocument, type IsotonicOptions } from "./isotonic-regression.js";
export { PlattCalibrator, PlattScaling, type PlattDocument } from "./platt-scaling.js";
export { calibrationCurve, expectedCalibrationError, type CalibrationCurve, type CalibrationCurveOptions } from "./calibration-curve.js";
export { CalibratedClassifier, CalibratedClassifierModel, type CalibratedClassifierOptions } from "./calibrated-classifier.js";
