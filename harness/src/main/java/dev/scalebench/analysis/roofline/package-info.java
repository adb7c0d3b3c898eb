/**
 * Hardware profiles ({@code profiles/hardware/*.yaml}: peak FLOP/s per dtype, memory bandwidth and size, SMs,
 * L2, price, each with its source) and the roofline placement of each measured point against them.
 *
 * <p>Data sheets live in {@code profiles/hardware/}; {@code calibrate} writes measured profiles into
 * {@code profiles/hardware/measured/}, each naming its data sheet ({@code spec}). {@link
 * dev.scalebench.analysis.roofline.Ceilings} picks a measured profile before a data sheet and keeps the data sheet
 * beside it, so that every point carries its fractions of both.
 */
package dev.scalebench.analysis.roofline;
