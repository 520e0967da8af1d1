package dev.hourglass.it.agent;

import java.util.Set;
import java.util.TreeSet;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.Type;

/**
 * The classes one class file needs at run time, read from its constant pool with ASM's reader (as
 * ByteBuddy ships it): every class entry (super types, instantiated, cast, caught and member owner
 * types) and every type in the descriptor of a referenced field or method (resolved when the
 * reference is linked). Types only in annotations or generic signatures are left out: the JVM does
 * not load them to run the code.
 */
final class ClassFileReferences {
  private static final int CLASS = 7;
  private static final int NAME_AND_TYPE = 12;

  private ClassFileReferences() {}

  /** Internal names ({@code java/lang/String}) of the classes referenced, arrays reduced to their element type. */
  static Set<String> of(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    char[] buffer = new char[reader.getMaxStringLength()];
    Set<String> names = new TreeSet<>();
    for (int item = 1; item < reader.getItemCount(); item++) {
      int offset = reader.getItem(item);
      if (offset == 0) {
        continue; // the second slot of a long or double constant
      }
      int tag = reader.readByte(offset - 1);
      if (tag == CLASS) {
        String name = reader.readUTF8(offset, buffer);
        addType(names, name.startsWith("[") ? Type.getType(name) : Type.getObjectType(name));
      } else if (tag == NAME_AND_TYPE) {
        addDescriptor(names, reader.readUTF8(offset + 2, buffer));
      }
    }
    return names;
  }

  private static void addDescriptor(Set<String> names, String descriptor) {
    Type type = Type.getType(descriptor);
    if (type.getSort() == Type.METHOD) {
      for (Type argument : type.getArgumentTypes()) {
        addType(names, argument);
      }
      addType(names, type.getReturnType());
    } else {
      addType(names, type);
    }
  }

  private static void addType(Set<String> names, Type type) {
    Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
    if (element.getSort() == Type.OBJECT) {
      names.add(element.getInternalName());
    }
  }
}
