/**
 * The workings of the HTTP adapter; not API. Handlers translate JSON into use-case calls and
 * results into responses; {@link dev.tollgate.adapter.http.internal.ProblemMapper} is the one
 * place that turns failures into problem documents.
 */
package dev.tollgate.adapter.http.internal;
