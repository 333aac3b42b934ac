/** The step model: every kind of step a criterion can hold, with what it does and how it is checked. */
package io.taskstream.actions;
