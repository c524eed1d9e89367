/* <linux/debugfs.h> - debugfs: declared only (no debugfs here). */
#ifndef _LINUX_DEBUGFS_H
#define _LINUX_DEBUGFS_H
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/types.h>
struct dentry;
struct dentry *debugfs_create_dir(const char *name, struct dentry *parent);
struct dentry *debugfs_create_file(const char *name, umode_t mode, struct dentry *parent, void *data, const struct file_operations *fops);
void debugfs_remove(struct dentry *dentry);
#define debugfs_remove_recursive debugfs_remove
#endif
