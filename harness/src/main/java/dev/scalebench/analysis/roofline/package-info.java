/**
 * Hardware profiles ({@code profiles/hardware/*.yaml}: peak FLOP/s per dtype, memory bandwidth and size, SMs,
 * L2, price, each with its source) and the roofline placement of each measured point against them.
 */
package dev.scalebench.analysis.roofline;
