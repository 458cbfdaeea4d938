/** Checks of the code's structure as a whole (package dependencies). */
package org.convpaint.architecture;
