/**
 * Writing JVM class files: the constant pool ({@link org.convpaint.classify.classfile.ClassConstants}) and the
 * bytecode of one method with its jumps ({@link org.convpaint.classify.classfile.MethodCode}). Only what the
 * compiled forests of {@code org.convpaint.classify} need: class-file version 49, which the JVM verifies without
 * stack map frames; no wide locals, no exception tables.
 */
package org.convpaint.classify.classfile;
