/** Adapters that keep their state in this process's memory: right for one node, lost at a restart. */
package app.tasklens.adapter.memory;
