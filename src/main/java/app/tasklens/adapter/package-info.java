/** Adapters of the domain ports, one sub-package per technology. */
package app.tasklens.adapter;
