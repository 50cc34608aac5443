#ifndef EDGEWISE_CIMAGECODECS_SHIM_H
#define EDGEWISE_CIMAGECODECS_SHIM_H

// libpng and libjpeg(-turbo) for Edgewise's image-folder datasets. libjpeg reports errors with
// longjmp, which Swift cannot catch, so the decoders are small C functions here: each decodes a
// whole file held in memory to 8-bit gray or RGB pixels and reports failures as a message.

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>
#include <jpeglib.h>

/// Decodes a PNG in memory to 8-bit pixels, 1 channel (gray) or 3 (RGB), row-major. Transparency is
/// composited onto black. On success returns 1 and a malloc'd buffer the caller frees; on failure
/// returns 0 and writes libpng's message.
static inline int edgewise_decode_png(const unsigned char *data, size_t size, int gray,
                                      unsigned char **pixels, int *width, int *height,
                                      char *message, size_t message_size) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, size)) {
        snprintf(message, message_size, "%s", image.message);
        return 0;
    }
    image.format = gray ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB;
    unsigned char *buffer = (unsigned char *)malloc(PNG_IMAGE_SIZE(image));
    if (buffer == NULL) {
        png_image_free(&image);
        snprintf(message, message_size, "out of memory");
        return 0;
    }
    png_color black = {0, 0, 0};
    if (!png_image_finish_read(&image, &black, buffer, 0, NULL)) {
        snprintf(message, message_size, "%s", image.message);
        free(buffer);
        png_image_free(&image);
        return 0;
    }
    *pixels = buffer;
    *width = (int)image.width;
    *height = (int)image.height;
    return 1;
}

struct edgewise_jpeg_error {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
};

static inline void edgewise_jpeg_error_exit(j_common_ptr info) {
    longjmp(((struct edgewise_jpeg_error *)info->err)->jump, 1);
}

static inline void edgewise_jpeg_silence(j_common_ptr info, int level) {
    (void)info;
    (void)level;
}

/// Decodes a baseline or progressive JPEG in memory to 8-bit pixels, 1 channel (gray: the luma)
/// or 3 (RGB), row-major. Same contract as `edgewise_decode_png`.
static inline int edgewise_decode_jpeg(const unsigned char *data, size_t size, int gray,
                                       unsigned char **pixels, int *width, int *height,
                                       char *message, size_t message_size) {
    struct jpeg_decompress_struct info;
    struct edgewise_jpeg_error error;
    unsigned char *volatile buffer = NULL;
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = edgewise_jpeg_error_exit;
    error.manager.emit_message = edgewise_jpeg_silence;
    if (setjmp(error.jump)) {
        char text[JMSG_LENGTH_MAX];
        (*info.err->format_message)((j_common_ptr)&info, text);
        snprintf(message, message_size, "%s", text);
        jpeg_destroy_decompress(&info);
        free(buffer);
        return 0;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, (unsigned long)size);
    jpeg_read_header(&info, TRUE);
    info.out_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&info);
    size_t stride = (size_t)info.output_width * (size_t)info.output_components;
    buffer = (unsigned char *)malloc(stride * info.output_height);
    if (buffer == NULL) {
        jpeg_destroy_decompress(&info);
        snprintf(message, message_size, "out of memory");
        return 0;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = buffer + stride * info.output_scanline;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    *pixels = buffer;
    *width = (int)info.output_width;
    *height = (int)info.output_height;
    jpeg_destroy_decompress(&info);
    return 1;
}

#endif
