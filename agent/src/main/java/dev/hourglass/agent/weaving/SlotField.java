package dev.hourglass.agent.weaving;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Adds a slot to a class: a private transient {@code Object} field and the bootstrap interface
 * whose getter and setter read and write it (see {@code dev.hourglass.bootstrap.StatementSlot}).
 *
 * <p>Written as a class visitor rather than with ByteBuddy's {@code defineField}/{@code implement}:
 * the weaver decorates classes (advice only rewrites the methods they declare), and a decorated
 * type may not change its structure through ByteBuddy's builder, while a visitor may. The field and
 * both methods are synthetic, so frameworks that list a class's own members skip them.
 *
 * <p>Immutable and thread-safe.
 */
public final class SlotField extends AsmVisitorWrapper.AbstractBase {
  private static final String OBJECT = "Ljava/lang/Object;";

  private final String interfaceName;
  private final String name;

  private SlotField(String interfaceName, String name) {
    this.interfaceName = interfaceName;
    this.name = name;
  }

  /**
   * The slot of {@code slotInterface}, which must declare exactly a getter {@code Object x()} and a
   * setter {@code void x(Object)} of one name; that name is also the field's.
   */
  public static SlotField of(Class<?> slotInterface) {
    Method[] methods = slotInterface.getDeclaredMethods();
    if (!slotInterface.isInterface() || methods.length != 2) {
      throw new IllegalArgumentException(slotInterface + " is not a slot: one getter, one setter");
    }
    String name = methods[0].getName();
    boolean getter = false;
    boolean setter = false;
    for (Method method : methods) {
      if (!method.getName().equals(name) || Modifier.isStatic(method.getModifiers())) {
        throw new IllegalArgumentException(slotInterface + " is not a slot: " + method);
      }
      getter |= method.getParameterCount() == 0 && method.getReturnType() == Object.class;
      setter |=
          Arrays.equals(method.getParameterTypes(), new Class<?>[] {Object.class})
              && method.getReturnType() == void.class;
    }
    if (!getter || !setter) {
      throw new IllegalArgumentException(
          slotInterface + " is not a slot: needs Object " + name + "() and void " + name
              + "(Object)");
    }
    return new SlotField(Type.getInternalName(slotInterface), name);
  }

  /** The slot interface's binary name. */
  String interfaceName() {
    return interfaceName.replace('/', '.');
  }

  @Override
  public ClassVisitor wrap(
      TypeDescription instrumentedType,
      ClassVisitor classVisitor,
      Implementation.Context implementationContext,
      TypePool typePool,
      FieldList<FieldDescription.InDefinedShape> fields,
      MethodList<?> methods,
      int writerFlags,
      int readerFlags) {
    return new ClassVisitor(OpenedClassReader.ASM_API, classVisitor) {
      private String owner;

      @Override
      public void visit(
          int version,
          int access,
          String className,
          String signature,
          String superName,
          String[] interfaces) {
        owner = className;
        String[] declared = interfaces == null ? new String[0] : interfaces;
        String[] more = Arrays.copyOf(declared, declared.length + 1);
        more[declared.length] = interfaceName;
        super.visit(version, access, className, signature, superName, more);
      }

      @Override
      public void visitEnd() {
        super.visitField(
                Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
                name,
                OBJECT,
                null,
                null)
            .visitEnd();
        // Neither method branches, so neither needs a stack map frame.
        MethodVisitor get =
            super.visitMethod(
                Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, name, "()" + OBJECT, null, null);
        get.visitCode();
        get.visitVarInsn(Opcodes.ALOAD, 0);
        get.visitFieldInsn(Opcodes.GETFIELD, owner, name, OBJECT);
        get.visitInsn(Opcodes.ARETURN);
        get.visitMaxs(1, 1);
        get.visitEnd();
        MethodVisitor set =
            super.visitMethod(
                Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, name, "(" + OBJECT + ")V", null, null);
        set.visitCode();
        set.visitVarInsn(Opcodes.ALOAD, 0);
        set.visitVarInsn(Opcodes.ALOAD, 1);
        set.visitFieldInsn(Opcodes.PUTFIELD, owner, name, OBJECT);
        set.visitInsn(Opcodes.RETURN);
        set.visitMaxs(2, 2);
        set.visitEnd();
        super.visitEnd();
      }
    };
  }
}
