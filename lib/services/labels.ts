export const intervalLimits = { min: 10, max: 86_400, default: 30 };
export const timeoutLimits = { min: 1, max: 45, default: 10 };
