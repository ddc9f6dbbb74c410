/**
 * Build-time compaction of ONNX models: {@link dev.bizo.crm.search.model.CompactWeights} stores large fp32
 * weights as float16 or per-channel int8 with decoding nodes that ONNX Runtime folds at load.
 */
package dev.bizo.crm.search.model;
