/**
 * Safe reading of Python pickles (protocols 0–5) on top of Pyrolite.
 *
 * <p>{@link org.convpaint.pickle.SafeUnpickler} is a pickle virtual machine that never runs code: every global a
 * pickle names must be on an {@link org.convpaint.pickle.AllowList}, and each allowed global maps to a Java
 * stand-in ({@link org.convpaint.pickle.PyCallable}) that only builds inert data: numpy arrays
 * ({@link org.convpaint.pickle.NdArray}), dtypes, scalars, generic instances
 * ({@link org.convpaint.pickle.PyInstance}) or opaque placeholders. Anything else is refused with
 * {@link org.convpaint.UnsupportedModelException}. Length prefixes are checked against the bytes actually left,
 * so a hostile header cannot make the reader allocate more than the file holds. Dicts keep insertion order.
 *
 * <p>Nothing here knows about convpaint; {@code org.convpaint.model} interprets the object graph.
 */
package org.convpaint.pickle;
