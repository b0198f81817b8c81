/* The errors a kiosk meets come from a handful of causes: a file that is not there, a USB stick
 * that is full, write-protected or pulled out, a card that is failing. Said in Chinese, with the
 * likely cause, because the person reading it is a staff member, not a programmer. */
#include "core/base/syserr.h"

#include <errno.h>
#include <string.h>

const char *syserr(int errnum)
{
	switch (errnum) {
	case ENOENT: return "文件或文件夹不存在";
	case EACCES:
	case EPERM: return "没有权限";
	case ENOSPC:
	case EDQUOT: return "空间已满";
	case EROFS: return "存储是只读的（U 盘可能拨到了写保护）";
	case EIO: return "读写出错（U 盘或存储卡可能已损坏，或已被拔出）";
	case ENODEV:
	case ENXIO: return "设备已不在（U 盘可能已被拔出）";
	case EISDIR: return "这是文件夹，不是文件";
	case ENOTDIR: return "路径中有一段不是文件夹";
	case EEXIST: return "已经有同名的文件";
	case ENAMETOOLONG: return "文件名太长";
	case EMFILE:
	case ENFILE: return "同时打开的文件太多";
	case ENOMEM: return "内存不足";
	case EFBIG: return "文件太大（FAT 格式的 U 盘单个文件不能超过 4 GB）";
	case EBUSY: return "正被占用";
	case ENOTEMPTY: return "文件夹不是空的";
	case EINVAL: return "名字或参数不被接受（U 盘可能不接受这个文件名）";
	default: return strerror(errnum);
	}
}
